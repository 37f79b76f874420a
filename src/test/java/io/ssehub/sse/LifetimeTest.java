package io.ssehub.sse;

import io.ssehub.event.Topic;
import io.ssehub.support.SseClient;
import io.ssehub.support.SseParser.ParsedEvent;
import io.ssehub.support.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code sse.maxConnectionLifetimeSeconds}: the server ends a stream cleanly, and the client resumes. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class LifetimeTest {

  @Test
  void streamEndsCleanlyAndTheClientResumesWhereItWas(Vertx vertx, VertxTestContext test) {
    JsonObject config = TestHub.config().put("sse", new JsonObject().put("maxConnectionLifetimeSeconds", 1));
    TestHub.start(vertx, config).compose(hub -> SseClient.connect(vertx, hub.port(), "/sse?topics=t")
        .compose(first -> {
          String seen = hub.publisher().publish(Topic.of("t"), "before");
          return first.awaitEvents(1)
              .compose(events -> first.ended())
              .compose(ended -> {
                hub.publisher().publish(Topic.of("t"), "while away");
                return SseClient.connect(vertx, hub.port(), "/sse?topics=t", seen);
              })
              .compose(second -> second.awaitEvents(2).map(events -> {
                test.verify(() -> {
                  assertEquals(List.of("while away"), events.stream().filter(e -> e.type().equals("message"))
                      .map(ParsedEvent::data).toList());
                  assertEquals(1, hub.registry().connections(), "only the second stream is open");
                });
                return events;
              }));
        }))
        .onComplete(test.succeedingThenComplete());
  }
}
