package io.ssehub.http;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.ssehub.support.Eventually;
import io.ssehub.support.SseClient;
import io.ssehub.support.TestHub;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The access log over real HTTP: one line per request, a stream's when it ends, and never a token. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class AccessLogTest {

  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final Logger access = (Logger) LoggerFactory.getLogger("ssehub.access");

  @BeforeEach
  void capture() {
    lines.start();
    access.addAppender(lines);
  }

  @AfterEach
  void release() {
    access.detachAppender(lines);
  }

  private List<String> logged() {
    synchronized (lines) {
      return new ArrayList<>(lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    }
  }

  @Test
  void oneLinePerRequestWithoutTokens(Vertx vertx, VertxTestContext test) {
    JsonObject config = TestHub.config();
    config.getJsonObject("http").put("accessLog", true);
    TestHub.start(vertx, config).compose(hub -> hub.request(HttpMethod.GET, "/nowhere")
        .compose(missing -> SseClient.connect(vertx, hub.port(), "/sse?topics=a&access_token=s3cr3t.t0ken"))
        .compose(client -> client.close())
        .compose(closed -> Eventually.until(vertx, () -> Future.succeededFuture(logged()),
            all -> all.size() == 2, 2_000)))
        .map(all -> {
          test.verify(() -> {
            assertTrue(all.get(0).matches("127\\.0\\.0\\.1:\\d+ GET \"/nowhere\" 404 \\d+ bytes \\d+ ms"), all.get(0));
            assertTrue(all.get(1).matches("127\\.0\\.0\\.1:\\d+ GET \"/sse\\?topics=a&access_token=\\[redacted]\" 200"
                + " \\d+ bytes \\d+ ms \\(connection closed\\)"), all.get(1));
            assertFalse(String.join("\n", all).contains("s3cr3t"), "no token in the log");
          });
          return all;
        })
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void offByDefault(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx).compose(hub -> hub.request(HttpMethod.GET, "/nowhere"))
        .map(answer -> {
          test.verify(() -> assertEquals(List.of(), logged()));
          return answer;
        })
        .onComplete(test.succeedingThenComplete());
  }
}
