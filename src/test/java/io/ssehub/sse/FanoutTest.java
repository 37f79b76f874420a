package io.ssehub.sse;

import io.ssehub.event.Topic;
import io.ssehub.publish.PublishRequest;
import io.ssehub.support.CountedVertxTest;
import io.ssehub.support.Flood;
import io.ssehub.support.RawHttpSocket;
import io.ssehub.support.SseClient;
import io.ssehub.support.SseParser.ParsedEvent;
import io.ssehub.support.TestHub;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fan-out: one event-bus consumer per topic per event loop with subscribers of it, whatever the number of
 * streams, and none when nobody listens; one pass writes an event to every stream of its loop, an event on two
 * subscribed topics arrives once, and a stream dropped in the middle of a pass leaves the others whole.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class FanoutTest extends CountedVertxTest {

  private static final List<String> TOPICS = List.of("a", "b", "c");

  private static JsonObject loops(int loops) {
    JsonObject config = TestHub.config();
    config.getJsonObject("http").put("instances", loops);
    return config;
  }

  @Test
  void consumersAreTopicsTimesLoopsWhileOpenAndNoneAfter(VertxTestContext test) {
    int streams = 6;
    TestHub.start(vertx, loops(2)).compose(hub -> {
      List<Future<SseClient>> opened = new ArrayList<>();
      for (int i = 0; i < streams; i++) {
        // Connections are dealt to the two loops in turn: each loop gets three, each on all three topics.
        opened.add(SseClient.connect(vertx, hub.port(), "/sse?topics=a,b,c"));
      }
      return Future.all(opened).compose(all -> {
        test.verify(() -> {
          assertEquals(Map.of("a", 2, "b", 2, "c", 2), consumers.topicConsumers(), "topics x loops");
          assertEquals(streams, hub.registry().connections());
          assertEquals(new JsonObject().put("a", streams).put("b", streams).put("c", streams),
              hub.registry().subscriptions(), "a subscription per topic per stream");
        });
        // One event on two of their topics, then one on the third: each stream gets two events, once each.
        hub.publisher().publish(new PublishRequest(List.of(Topic.of("a"), Topic.of("b")), "both", null, null, null));
        hub.publisher().publish(Topic.of("c"), "third");
        List<Future<List<ParsedEvent>>> received = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
          received.add(all.<SseClient>resultAt(i).awaitEvents(2));
        }
        return Future.all(received).map(events -> {
          test.verify(() -> {
            for (int i = 0; i < streams; i++) {
              SseClient client = all.resultAt(i);
              assertEquals(List.of("both", "third"), client.events().stream().map(ParsedEvent::data).toList());
            }
          });
          return all;
        });
      }).compose(all -> {
        List<Future<Void>> closed = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
          closed.add(all.<SseClient>resultAt(i).close());
        }
        return Future.all(closed);
      }).compose(closed -> hub.statsAtRest(1_000));
    }).onComplete(test.succeeding(stats -> test.verify(() -> {
      assertEquals(Map.of(), consumers.topicConsumers(), "no consumer once nobody listens");
      assertEquals(TOPICS.size(), consumers.topicsEverSubscribed().size());
      test.completeNow();
    })));
  }

  @Test
  void aStalledStreamDroppedMidPassLeavesTheOthersOnItsLoopWhole(VertxTestContext test) {
    int maxQueued = 1 << 20;
    String payload = "y".repeat(16_384);
    JsonObject config = loops(1).put("sse", new JsonObject().put("maxQueuedBytesPerConnection", maxQueued));
    TestHub.start(vertx, config).compose(hub -> Future.all(
        RawHttpSocket.get(vertx, hub.port(), "/sse?topics=flood", false, 4096)
            .compose(socket -> socket.awaitText("retry: 2000\n\n").map(socket)),
        SseClient.connect(vertx, hub.port(), "/sse?topics=flood"),
        SseClient.connect(vertx, hub.port(), "/sse?topics=flood"),
        SseClient.connect(vertx, hub.port(), "/sse?topics=flood")
    ).compose(clients -> {
      RawHttpSocket stalled = clients.resultAt(0);
      stalled.stopReading();
      test.verify(() -> assertEquals(Map.of("flood", 1), consumers.topicConsumers(), "one loop, one consumer"));
      return Flood.untilDropped(vertx, hub, Topic.of("flood"), payload, 4_000)
          // More events after the drop: the pass goes on without the dropped stream.
          .map(published -> {
            hub.publisher().publish(Topic.of("flood"), "after");
            return published + 1;
          })
          .compose(published -> {
            List<Future<List<ParsedEvent>>> received = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
              received.add(clients.<SseClient>resultAt(i).awaitEvents(published));
            }
            return Future.all(received).map(all -> {
              test.verify(() -> {
                for (int i = 0; i < 3; i++) {
                  List<ParsedEvent> events = all.resultAt(i);
                  assertEquals(published, events.size());
                  assertTrue(events.subList(0, published - 1).stream().allMatch(e -> e.data().equals(payload)));
                  assertEquals("after", events.get(published - 1).data());
                }
                assertEquals(1, hub.registry().slowClientsDropped());
                assertEquals(3, hub.registry().connections());
                assertEquals(new JsonObject().put("flood", 3), hub.registry().subscriptions());
                assertEquals(Map.of("flood", 1), consumers.topicConsumers());
              });
              return all;
            });
          })
          .compose(done -> Future.all(clients.<SseClient>resultAt(1).close(), clients.<SseClient>resultAt(2).close(),
              clients.<SseClient>resultAt(3).close()))
          .compose(done -> hub.statsAtRest(1_000));
    })).onComplete(test.succeeding(stats -> test.verify(() -> {
      assertEquals(Map.of(), consumers.topicConsumers());
      test.completeNow();
    })));
  }
}
