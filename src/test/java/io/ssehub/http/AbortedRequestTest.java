package io.ssehub.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ssehub.config.IoTransport;
import io.ssehub.config.MetricsConfig;
import io.ssehub.metrics.HubMetrics;
import io.ssehub.support.Eventually;
import io.ssehub.support.LogCapture;
import io.ssehub.support.RawHttpSocket;
import io.ssehub.support.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A client that hangs up in the middle of a publish body is not a server error: no ERROR line, no 500 in the
 * metrics, one aborted request counted, and the hub goes on publishing.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class AbortedRequestTest {

  private final LogCapture logs = new LogCapture();

  @AfterEach
  void release() {
    logs.close();
  }

  @Test
  void aClientLeavingMidBodyIsCountedAsAbortedNotAsA500(VertxTestContext test) {
    // A Vert.x built for the hub's meters, so that the request meters would show a 500.
    PrometheusMeterRegistry prometheus = HubMetrics.newRegistry();
    Vertx vertx = HubMetrics.vertx(MetricsConfig.defaults(), prometheus, IoTransport.AUTO.resolve());
    String head = "POST /publish HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        + "Content-Length: 100\r\n\r\n";
    TestHub.start(vertx, TestHub.config(), prometheus).compose(hub -> RawHttpSocket.connect(vertx, hub.port(), false, 0)
            .compose(socket -> socket.send(head + "topic=a&da").compose(sent -> socket.close()))
            .compose(closed -> Eventually.until(vertx, () -> hub.request(HttpMethod.GET, "/metrics"),
                metrics -> metrics.body().lines().anyMatch("ssehub_requests_aborted_total 1.0"::equals), 5_000))
            .compose(metrics -> hub.publishForm("topic=a&data=still+fine").map(published -> {
              test.verify(() -> {
                List<String> lines = metrics.body().lines().toList();
                assertFalse(lines.stream().anyMatch(line -> line.startsWith("ssehub_http_requests_total")
                    && line.contains("status=\"500\"")), String.join("\n", lines));
                assertEquals(List.of(), logs.errors());
                assertEquals(200, published.status());
              });
              return published;
            })))
        .onComplete(test.succeeding(published -> {
          test.completeNow();
          vertx.close();
        }));
  }
}
