package io.ssehub.sse;

import io.ssehub.event.Topic;
import io.ssehub.support.Eventually;
import io.ssehub.support.SseClient;
import io.ssehub.support.TestHub;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Heartbeat comments: on an idle stream, and never between events on a busy one. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class HeartbeatTest {

  private static JsonObject config(int heartbeatSeconds) {
    JsonObject config = TestHub.config()
        .put("sse", new JsonObject().put("heartbeatSeconds", heartbeatSeconds))
        .put("generators", new JsonArray().add(new JsonObject().put("topic", "busy").put("intervalMillis", 100)));
    config.getJsonObject("http").put("idleTimeoutSeconds", heartbeatSeconds * 3);
    return config;
  }

  @Test
  void idleStreamGetsHeartbeatsThatKeepItOpen(Vertx vertx, VertxTestContext test) {
    // The idle timeout is 3 s and nothing is ever published on "quiet": only heartbeats keep the stream alive.
    TestHub.start(vertx, config(1))
        .compose(hub -> SseClient.connect(vertx, hub.port(), "/sse?topics=quiet"))
        .compose(client -> Eventually.until(vertx, () -> Future.succeededFuture(client.parser().comments()),
            comments -> comments.size() >= 3, 15_000).map(client))
        .onComplete(test.succeeding(client -> test.verify(() -> {
          assertTrue(client.raw().startsWith("retry: 2000\n\n: heartbeat\n\n: heartbeat\n\n"), client.raw());
          assertTrue(client.raw().matches("retry: 2000\n\n(: heartbeat\n\n)+"), client.raw());
          assertFalse(client.ended().isComplete(), "still open after more than the idle timeout (3 heartbeats take"
              + " over 3 s)");
          test.completeNow();
        })));
  }

  @Test
  void busyStreamGetsNoHeartbeat(Vertx vertx, VertxTestContext test) {
    // Events every 100 ms, heartbeat after 3 s of silence: 30 events without a single comment.
    TestHub.start(vertx, config(3))
        .compose(hub -> SseClient.connect(vertx, hub.port(), "/sse?topics=busy"))
        .compose(client -> client.awaitEvents(30).map(client))
        .onComplete(test.succeeding(client -> test.verify(() -> {
          assertEquals(0, client.parser().comments().size(), client.raw());
          test.completeNow();
        })));
  }

  @Test
  void heartbeatResumesWhenEventsStop(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx, config(1)).compose(hub -> SseClient.connect(vertx, hub.port(), "/sse?topics=once")
        .compose(client -> {
          hub.publisher().publish(Topic.of("once"), "only");
          return client.awaitEvents(1)
              .compose(events -> Eventually.until(vertx, () -> Future.succeededFuture(client.parser().comments()),
                  comments -> !comments.isEmpty(), 10_000))
              .map(client);
        }))
        .onComplete(test.succeeding(client -> test.verify(() -> {
          assertTrue(client.raw().matches(
                  "retry: 2000\n\n(: heartbeat\n\n)*id: \\S+\ndata: only\n\n(: heartbeat\n\n)+"),
              client.raw());
          test.completeNow();
        })));
  }
}
