package io.ssehub.http;

import io.ssehub.support.SseClient;
import io.ssehub.support.TestHub;
import io.ssehub.support.TestHub.Answer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /health} over real HTTP, and a graceful shutdown: not ready, new streams refused, open ones ended spread. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class HealthAndShutdownTest {

  private static JsonObject json(Answer answer) {
    assertEquals("application/json", answer.header("Content-Type"));
    assertEquals("no-store", answer.header("Cache-Control"));
    return new JsonObject(answer.body());
  }

  @Test
  void aStartedHubIsLiveAndReady(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx).compose(hub -> Future.all(hub.request(HttpMethod.GET, "/health"),
            hub.request(HttpMethod.GET, "/health/live"), hub.request(HttpMethod.GET, "/health/ready"),
            hub.request(HttpMethod.POST, "/health"))
        .map(answers -> {
          test.verify(() -> {
            Answer all = answers.resultAt(0);
            assertEquals(200, all.status());
            JsonObject body = json(all);
            assertEquals("UP", body.getString("status"));
            JsonArray checks = body.getJsonArray("checks");
            assertEquals(2, checks.size(), body.encode());
            Answer live = answers.resultAt(1);
            assertEquals(200, live.status());
            assertEquals("UP", json(live).getString("status"));
            Answer ready = answers.resultAt(2);
            assertEquals(200, ready.status());
            assertEquals(new JsonObject().put("state", "serving"), json(ready).getJsonObject("data"));
            assertEquals(405, answers.<Answer>resultAt(3).status());
          });
          return answers;
        }))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void shutdownWithGraceSaysNotReadyRefusesNewStreamsAndEndsOpenOnesSpreadOverTheGrace(Vertx vertx,
                                                                                        VertxTestContext test) {
    int streams = 10;
    JsonObject config = TestHub.config();
    config.getJsonObject("http").put("shutdownGraceSeconds", 2);
    List<Long> endedAtMillis = Collections.synchronizedList(new ArrayList<>());
    TestHub.start(vertx, config).compose(hub -> {
      List<Future<SseClient>> opened = new ArrayList<>();
      for (int i = 0; i < streams; i++) {
        opened.add(SseClient.connect(vertx, hub.port(), "/sse?topics=t"));
      }
      return Future.all(opened).compose(all -> {
        List<Future<Void>> ended = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
          ended.add(all.<SseClient>resultAt(i).ended().onSuccess(v -> endedAtMillis.add(System.currentTimeMillis())));
        }
        long stopAt = System.currentTimeMillis();
        Future<Void> stopped = hub.stop();
        return hub.request(HttpMethod.GET, "/health/ready")
            .compose(ready -> hub.request(HttpMethod.GET, "/sse?topics=late").map(late -> {
              test.verify(() -> {
                assertEquals(503, ready.status(), "not ready once shutdown began");
                assertEquals(new JsonObject().put("state", "stopping"), json(ready).getJsonObject("data"));
                assertEquals(503, late.status());
                assertEquals("The server is shutting down: reconnect shortly\n", late.body());
              });
              return late;
            }))
            .compose(checked -> Future.all(ended))
            .compose(allEnded -> stopped)
            .map(done -> {
              test.verify(() -> {
                assertEquals(streams, endedAtMillis.size(), "every stream ended with a clean end of its body");
                long first = Collections.min(endedAtMillis);
                long last = Collections.max(endedAtMillis);
                assertTrue(last - first >= 100, "ends spread over the grace, not all at once: " + (last - first));
                assertTrue(last - stopAt < 2_000 + 1_000, "all within the grace: " + (last - stopAt));
                assertEquals(0, hub.registry().connections());
              });
              return done;
            });
      });
    }).onComplete(test.succeedingThenComplete());
  }
}
