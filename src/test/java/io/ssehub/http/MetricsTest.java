package io.ssehub.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ssehub.MainVerticle;
import io.ssehub.config.IoTransport;
import io.ssehub.config.MetricsConfig;
import io.ssehub.config.ServerConfig;
import io.ssehub.metrics.HubMetrics;
import io.ssehub.support.Eventually;
import io.ssehub.support.SseClient;
import io.ssehub.support.TestClients;
import io.ssehub.support.TestHub;
import io.ssehub.support.TestHub.Answer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /metrics} over real HTTP: ssehub's meters follow events, Vert.x's join them, labels stay bounded. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class MetricsTest {

  private static List<String> lines(Answer answer) {
    assertEquals(200, answer.status());
    assertTrue(answer.header("Content-Type").startsWith("text/plain"), answer.header("Content-Type"));
    return answer.body().lines().toList();
  }

  private static void assertSample(List<String> lines, String sample) {
    assertTrue(lines.contains(sample), "no line " + sample + " in\n" + String.join("\n", lines));
  }

  @Test
  void ssehubMetersFollowStreamsEventsAndRefusals(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx).compose(hub -> SseClient.connect(vertx, hub.port(), "/sse?topics=secret-topic-name")
        .compose(client -> hub.publishForm("topic=secret-topic-name&data=x")
            .compose(published -> client.awaitEvents(1))
            .compose(events -> hub.request(HttpMethod.GET, "/sse"))
            .compose(refused -> hub.request(HttpMethod.GET, "/metrics"))
            .map(answer -> {
              test.verify(() -> {
                List<String> lines = lines(answer);
                assertSample(lines, "ssehub_connections 1.0");
                assertSample(lines, "ssehub_subscriptions 1.0");
                assertSample(lines, "ssehub_events_published_total 1.0");
                assertSample(lines, "ssehub_events_delivered_total 1.0");
                assertSample(lines, "ssehub_delivery_latency_seconds_count 1");
                assertSample(lines, "ssehub_requests_rejected_total{status=\"400\"} 1.0");
                assertSample(lines, "ssehub_slow_clients_dropped_total 0.0");
                assertFalse(answer.body().contains("secret-topic-name"), "no label names a topic");
              });
              return answer;
            })
            .compose(answer -> client.close())))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void vertxMetersJoinWhenTheInstanceIsBuiltForThem(VertxTestContext test) {
    PrometheusMeterRegistry prometheus = HubMetrics.newRegistry();
    Vertx vertx = HubMetrics.vertx(MetricsConfig.defaults(), prometheus, IoTransport.AUTO.resolve());
    MainVerticle main = new MainVerticle(ServerConfig.fromJson("test config", TestHub.config()), Clock.systemUTC(),
        prometheus);
    vertx.deployVerticle(main)
        .compose(id -> TestClients.http(vertx, new HttpClientOptions().setDefaultPort(main.port())
                .setDefaultHost("127.0.0.1"))
            .request(HttpMethod.GET, "/metrics")
            .compose(request -> request.send())
            .compose(response -> response.body().map(body -> new Answer(response, body.toString()))))
        .map(answer -> {
          test.verify(() -> {
            List<String> lines = lines(answer);
            assertTrue(lines.stream().anyMatch(line -> line.startsWith("ssehub_http_connections")),
                "ssehub's HTTP server meters");
            assertFalse(lines.stream().anyMatch(line -> line.startsWith("vertx_http_server_")),
                "no Vert.x per-request meters");
            assertTrue(lines.stream().anyMatch(line -> line.startsWith("jvm_memory_used_bytes")), "JVM meters");
            assertTrue(lines.stream().anyMatch(line -> line.startsWith("ssehub_connections")), "ssehub meters");
            assertTrue(lines.stream().anyMatch(line -> line.startsWith("vertx_eventbus_handlers")),
                "event-bus meters");
            assertFalse(answer.body().contains("ssehub.topic."), "no label names an event-bus address");
          });
          return answer;
        })
        .onComplete(test.succeeding(answer -> {
          test.completeNow();
          vertx.close();
        }));
  }

  @Test
  void requestsAreCountedByRouteAndStatusAndStreamsWhenTheyEnd(VertxTestContext test) {
    PrometheusMeterRegistry prometheus = HubMetrics.newRegistry();
    Vertx vertx = HubMetrics.vertx(MetricsConfig.defaults(), prometheus, IoTransport.AUTO.resolve());
    String streamEnded = "ssehub_http_requests_total{route=\"sse\",status=\"200\"} 1.0";
    TestHub.start(vertx, TestHub.config(), prometheus).compose(hub -> hub.publishForm("topic=a&data=x")
            .compose(published -> hub.request(HttpMethod.GET, "/no-such-page"))
            .compose(missing -> hub.request(HttpMethod.GET, "/sse?topics="))
            .compose(refused -> SseClient.connect(vertx, hub.port(), "/sse?topics=a"))
            .compose(SseClient::close)
            .compose(closed -> Eventually.until(vertx, () -> hub.request(HttpMethod.GET, "/metrics"),
                answer -> answer.body().lines().anyMatch(streamEnded::equals), 5_000)))
        .map(answer -> {
          test.verify(() -> {
            List<String> lines = lines(answer);
            assertSample(lines, "ssehub_http_requests_total{route=\"publish\",status=\"200\"} 1.0");
            assertSample(lines, "ssehub_http_requests_total{route=\"other\",status=\"404\"} 1.0");
            assertSample(lines, "ssehub_http_requests_total{route=\"sse\",status=\"400\"} 1.0");
            assertSample(lines, "ssehub_http_request_duration_seconds_count{route=\"publish\"} 1");
            assertFalse(lines.stream().anyMatch(line -> line.contains("route=\"sse\"")
                && line.startsWith("ssehub_http_request_duration")), "a stream's length is not a request's duration");
            assertTrue(lines.stream().anyMatch(line -> line.startsWith("ssehub_http_connections ")
                && !line.equals("ssehub_http_connections 0.0")), String.join("\n", lines));
          });
          return answer;
        })
        .onComplete(test.succeeding(answer -> {
          test.completeNow();
          vertx.close();
        }));
  }

  @Test
  void metricsCanBeTurnedOff(Vertx vertx, VertxTestContext test) {
    JsonObject config = TestHub.config().put("metrics", new JsonObject().put("enabled", false));
    TestHub.start(vertx, config).compose(hub -> hub.request(HttpMethod.GET, "/metrics"))
        .map(answer -> {
          test.verify(() -> assertEquals(404, answer.status()));
          return answer;
        })
        .onComplete(test.succeedingThenComplete());
  }
}
