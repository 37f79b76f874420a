package io.ssehub.http;

import io.ssehub.support.TestHub;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page in {@code webroot/}, served with the right content types. */
@ExtendWith(VertxExtension.class)
@Timeout(30_000)
class StaticPageTest {

  @Test
  void servesThePageAndItsAssets(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx).compose(hub -> Future.all(
        hub.request(HttpMethod.GET, "/"),
        hub.request(HttpMethod.GET, "/sse.js"),
        hub.request(HttpMethod.GET, "/style.css")
    )).onComplete(test.succeeding(all -> test.verify(() -> {
      TestHub.Answer index = all.resultAt(0);
      TestHub.Answer script = all.resultAt(1);
      TestHub.Answer style = all.resultAt(2);
      assertEquals(200, index.status());
      assertEquals("text/html;charset=UTF-8", index.header("Content-Type"));
      assertEquals(Files.readString(Path.of("webroot", "index.html")), index.body());
      assertEquals(200, script.status());
      assertTrue(script.header("Content-Type").startsWith("text/javascript"), script.header("Content-Type"));
      assertTrue(script.body().contains("new EventSource(url)"));
      assertEquals(200, style.status());
      assertTrue(style.header("Content-Type").startsWith("text/css"), style.header("Content-Type"));
      test.completeNow();
    })));
  }
}
