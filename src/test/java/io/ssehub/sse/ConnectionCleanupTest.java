package io.ssehub.sse;

import io.ssehub.event.Topic;
import io.ssehub.support.CountedVertxTest;
import io.ssehub.support.Eventually;
import io.ssehub.support.Flood;
import io.ssehub.support.RawHttpSocket;
import io.ssehub.support.SseClient;
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
 * However a connection ends, its subscriptions go: checked both in ssehub's registry ({@code /stats}, one subscription
 * per topic per connection) and in the event bus's own count of registered consumers (one per topic per event loop
 * with subscribers of it: {@value #LOOPS} loops here, among which connections are dealt in turn).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class ConnectionCleanupTest extends CountedVertxTest {

  private static final List<String> TOPICS = List.of("red", "green", "blue");
  private static final String OPENING = "retry: 2000\n\n";
  private static final int LOOPS = 2;

  private static JsonObject config() {
    JsonObject config = TestHub.config();
    config.getJsonObject("http").put("instances", LOOPS);
    return config;
  }




  @Test
  void politeAndAbruptClosesReleaseEveryConsumerWithinASecond(VertxTestContext test) {
    int count = 200;
    TestHub.start(vertx, config()).compose(hub -> {
      List<Future<RawHttpSocket>> opened = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        boolean abrupt = i % 2 == 1;
        String topic = TOPICS.get(i % TOPICS.size());
        opened.add(RawHttpSocket.get(vertx, hub.port(), "/sse?topics=" + topic, abrupt, 0)
            .compose(socket -> socket.awaitText(OPENING).map(socket)));
      }
      return Future.all(opened).compose(all -> hub.stats().compose(stats -> {
        test.verify(() -> {
          assertEquals(count, stats.getInteger("connections"));
          assertEquals(new JsonObject().put("blue", 66).put("green", 67).put("red", 67),
              stats.getJsonObject("subscriptions"));
          assertEquals(Map.of("blue", LOOPS, "green", LOOPS, "red", LOOPS), consumers.topicConsumers());
        });
        List<Future<Void>> closed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          closed.add(all.<RawHttpSocket>resultAt(i).close());
        }
        return Future.all(closed);
      })).compose(closed -> hub.statsAtRest(1_000));
    }).onComplete(test.succeeding(stats -> test.verify(() -> {
      assertEquals(Map.of(), consumers.topicConsumers());
      test.completeNow();
    })));
  }

  @Test
  void clientsDisconnectingMidStreamAreReleasedWhileOthersContinue(VertxTestContext test) {
    TestHub.start(vertx, config()).compose(hub -> Future.all(
        SseClient.connect(vertx, hub.port(), "/sse?topics=red,green"),
        SseClient.connect(vertx, hub.port(), "/sse?topics=red")
    ).compose(clients -> {
      SseClient leaving = clients.resultAt(0);
      SseClient staying = clients.resultAt(1);
      hub.publisher().publish(Topic.of("red"), "1");
      return leaving.awaitEvents(1)
          .compose(x -> leaving.close())
          .compose(x -> Eventually.until(vertx, hub::stats, stats -> stats.getInteger("connections") == 1, 1_000))
          .compose(stats -> {
            test.verify(() -> {
              assertEquals(new JsonObject().put("red", 1), stats.getJsonObject("subscriptions"));
              assertEquals(Map.of("red", 1), consumers.topicConsumers());
            });
            hub.publisher().publish(Topic.of("red"), "2");
            return staying.awaitEvents(2);
          })
          .compose(events -> staying.close())
          .compose(x -> hub.statsAtRest(1_000));
    })).onComplete(test.succeeding(stats -> test.verify(() -> {
      assertEquals(Map.of(), consumers.topicConsumers());
      test.completeNow();
    })));
  }

  @Test
  void shutdownEndsEveryStreamCleanlyAndReleasesConsumers(VertxTestContext test) {
    TestHub.start(vertx, config()).compose(hub -> {
      List<Future<SseClient>> opened = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        opened.add(SseClient.connect(vertx, hub.port(), "/sse?topics=" + TOPICS.get(i % 3) + ",shared"));
      }
      Future<RawHttpSocket> raw = RawHttpSocket.get(vertx, hub.port(), "/sse?topics=red", false, 0)
          .compose(socket -> socket.awaitText(OPENING).map(socket));
      return Future.all(Future.all(opened), raw).compose(all -> {
        test.verify(() -> {
          assertEquals(31, hub.registry().connections());
          assertEquals(Map.of("blue", LOOPS, "green", LOOPS, "red", LOOPS, "shared", LOOPS),
              consumers.topicConsumers());
        });
        List<Future<Void>> ends = new ArrayList<>();
        for (Future<SseClient> client : opened) {
          ends.add(client.result().ended());
        }
        RawHttpSocket socket = raw.result();
        return hub.stop()
            .compose(stopped -> Future.all(ends))
            .compose(ended -> socket.awaitText("\r\n0\r\n\r\n"))
            .map(x -> {
              test.verify(() -> {
                assertTrue(socket.received().endsWith("\r\n0\r\n\r\n"), "the chunked body ends with the last chunk");
                assertEquals(0, hub.registry().connections());
                assertEquals(new JsonObject(), hub.registry().subscriptions());
                assertEquals(Map.of(), consumers.topicConsumers());
              });
              return x;
            });
      });
    }).onComplete(test.succeedingThenComplete());
  }

  @Test
  void idleTimeoutClosesAQuietStreamAndReleasesItsConsumer(VertxTestContext test) {
    JsonObject config = TestHub.config().put("sse", new JsonObject().put("heartbeatSeconds", 0));
    config.getJsonObject("http").put("idleTimeoutSeconds", 1);
    TestHub.start(vertx, config).compose(hub ->
        RawHttpSocket.get(vertx, hub.port(), "/sse?topics=quiet", false, 0)
            .compose(socket -> socket.awaitText(OPENING).map(socket))
            .compose(socket -> {
              test.verify(() -> assertEquals(Map.of("quiet", 1), consumers.topicConsumers()));
              return socket.closedByPeer();
            })
            .compose(closed -> hub.statsAtRest(1_000))
    ).onComplete(test.succeeding(stats -> test.verify(() -> {
      assertEquals(Map.of(), consumers.topicConsumers());
      test.completeNow();
    })));
  }

  @Test
  void aRequestPipelinedBehindAStreamIsRefusedDuringShutdown(VertxTestContext test) {
    String request = "GET /sse?topics=red HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    TestHub.start(vertx, config()).compose(hub -> RawHttpSocket.connect(vertx, hub.port(), false, 0)
        .compose(socket -> socket.send(request + request).map(socket))
        .compose(socket -> socket.awaitText(OPENING).map(socket))
        .compose(socket -> hub.stop().compose(stopped -> socket.closedByPeer()).map(socket))
        .map(socket -> {
          test.verify(() -> {
            String received = socket.received();
            int end = received.indexOf("\r\n0\r\n\r\n");
            assertTrue(end > 0, "the first stream ends cleanly: " + received);
            String second = received.substring(end + "\r\n0\r\n\r\n".length());
            assertTrue(second.startsWith("HTTP/1.1 503 Service Unavailable\r\n"), second);
            assertTrue(second.endsWith("\r\n\r\nThe server is shutting down: reconnect shortly\n"), second);
            assertEquals(0, hub.registry().connections());
            assertEquals(Map.of(), consumers.topicConsumers());
          });
          return socket;
        })).onComplete(test.succeedingThenComplete());
  }

  @Test
  void stalledClientIsDroppedAndOthersReceiveEverything(VertxTestContext test) {
    // Well above Netty's default high-water mark (64 KiB), so the test fails if the configured limit is not applied.
    int maxQueued = 8 << 20;
    String payload = "x".repeat(16_384);
    int maxEvents = 4_000;
    JsonObject config = TestHub.config().put("sse", new JsonObject().put("maxQueuedBytesPerConnection", maxQueued));
    TestHub.start(vertx, config).compose(hub -> Future.all(
        RawHttpSocket.get(vertx, hub.port(), "/sse?topics=flood", false, 4096)
            .compose(socket -> socket.awaitText(OPENING).map(socket)),
        SseClient.connect(vertx, hub.port(), "/sse?topics=flood")
    ).compose(clients -> {
      RawHttpSocket stalled = clients.resultAt(0);
      SseClient healthy = clients.resultAt(1);
      stalled.stopReading();
      return Flood.untilDropped(vertx, hub, Topic.of("flood"), payload, maxEvents)
          .compose(published -> {
            // What the server held for the stalled client is what the kernel buffers take, plus at most
            // maxQueuedBytes in the socket's queue and as much again in the connection's backlog (and Vert.x's
            // small queue of pending writes): the drop comes before any more piles up.
            long frame = payload.length() + "data: \n\n".length();
            long bound = (Flood.kernelSendBufferMax() + 1_048_576 + 2L * maxQueued) / frame + 16 + 4;
            test.verify(() -> {
              assertTrue(published <= bound, published + " events published before the drop, bound " + bound);
              assertTrue(published * frame >= maxQueued, "dropped after " + published * frame + " bytes, before the"
                  + " configured limit of " + maxQueued + " could fill");
            });
            return Future.succeededFuture(published);
          })
          .compose(published -> resume(stalled).closedByPeer()
              .compose(x -> healthy.awaitEvents(published))
              .compose(events -> hub.stats().map(stats -> {
                test.verify(() -> {
                  assertEquals(1, stats.getLong("slowClientsDropped"));
                  assertEquals(1, stats.getInteger("connections"));
                  assertEquals(new JsonObject().put("flood", 1), stats.getJsonObject("subscriptions"));
                  assertEquals(Map.of("flood", 1), consumers.topicConsumers());
                  assertTrue(events.stream().allMatch(event -> event.data().equals(payload)));
                });
                return events;
              })))
          .compose(x -> healthy.close())
          .compose(x -> hub.statsAtRest(1_000));
    })).onComplete(test.succeeding(stats -> test.verify(() -> {
      assertEquals(Map.of(), consumers.topicConsumers());
      test.completeNow();
    })));
  }

  private static RawHttpSocket resume(RawHttpSocket socket) {
    socket.resumeReading();
    return socket;
  }
}
