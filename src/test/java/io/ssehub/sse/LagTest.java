package io.ssehub.sse;

import io.ssehub.event.Topic;
import io.ssehub.support.Eventually;
import io.ssehub.support.ManualClock;
import io.ssehub.support.SseClient;
import io.ssehub.support.TestHub;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code sse.maxLagSeconds}: a client whose live events arrive too long after their publication is dropped and
 * counted. The hub runs on a clock that moves 3 s on every reading, so every delivery looks 3 s late, whatever the
 * machine's speed.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class LagTest {

  /** Three seconds later at every reading. */
  private static final long STEP_MILLIS = 3_000;

  private static JsonObject config(int maxLagSeconds) {
    return TestHub.config().put("sse", new JsonObject().put("maxLagSeconds", maxLagSeconds));
  }

  @Test
  void aClientTooFarBehindIsDroppedAndCounted(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx, config(1), new ManualClock(STEP_MILLIS)).compose(hub ->
        SseClient.connect(vertx, hub.port(), "/sse?topics=t").compose(client -> {
          hub.publisher().publish(Topic.of("t"), "late");
          return Eventually.until(vertx, () -> Future.succeededFuture(hub.registry().connections()),
              connections -> connections == 0, 5_000).map(x -> {
                test.verify(() -> {
                  assertEquals(1, hub.registry().slowClientsDropped());
                  assertEquals(0, client.events().size(), "the late event was not sent");
                });
                return x;
              });
        })).onComplete(test.succeedingThenComplete());
  }

  @Test
  void zeroNeverDropsForLag(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx, config(0), new ManualClock(STEP_MILLIS)).compose(hub ->
        SseClient.connect(vertx, hub.port(), "/sse?topics=t").compose(client -> {
          hub.publisher().publish(Topic.of("t"), "late but wanted");
          return client.awaitEvents(1).map(events -> {
            test.verify(() -> {
              assertEquals("late but wanted", events.get(0).data());
              assertEquals(0, hub.registry().slowClientsDropped());
            });
            return events;
          });
        })).onComplete(test.succeedingThenComplete());
  }
}
