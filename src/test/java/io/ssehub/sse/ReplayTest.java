package io.ssehub.sse;

import io.ssehub.event.EventIds;
import io.ssehub.event.Topic;
import io.ssehub.publish.PublishRequest;
import io.ssehub.support.Eventually;
import io.ssehub.support.SseClient;
import io.ssehub.support.SseParser.ParsedEvent;
import io.ssehub.support.TestHub;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Resuming a stream over real HTTP: Last-Event-ID, the replay signal and header, and the live hand-over. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class ReplayTest {

  private static JsonObject history(int perTopic, int maxReplay) {
    return TestHub.config().put("history", new JsonObject().put("maxEventsPerTopic", perTopic)
        .put("maxReplayEvents", maxReplay));
  }

  private static List<String> data(List<ParsedEvent> events) {
    return events.stream().filter(e -> e.type().equals("message")).map(ParsedEvent::data).toList();
  }

  /** The data of the replay signal, the one event of type ssehub-replay. */
  private static JsonObject signal(SseClient client) {
    List<ParsedEvent> signals = client.events().stream().filter(e -> e.type().equals("ssehub-replay")).toList();
    assertEquals(1, signals.size(), client.raw());
    return new JsonObject(signals.get(0).data());
  }

  @Test
  void resumesAfterTheIdThenGoesLive(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx).compose(hub -> {
      Topic news = Topic.of("news");
      String first = hub.publisher().publish(news, "1");
      String second = hub.publisher().publish(news, "2");
      String third = hub.publisher().publish(news, "3");
      return SseClient.connect(vertx, hub.port(), "/sse?topics=news", first)
          .compose(client -> client.awaitEvents(3).compose(replayed -> {
            hub.publisher().publish(news, "4");
            return client.awaitEvents(4);
          }).map(events -> {
            test.verify(() -> {
              assertEquals(first, client.response().getHeader("Last-Event-ID"));
              assertEquals("retry: 2000\n\n"
                  + "id: " + second + "\ndata: 2\n\n"
                  + "id: " + third + "\ndata: 3\n\n"
                  + "event: ssehub-replay\ndata: {\"lastEventId\":\"" + first
                  + "\",\"replayed\":2,\"complete\":true}\n\n"
                  + "id: " + events.get(3).lastEventId() + "\ndata: 4\n\n", client.raw());
              assertEquals(third, events.get(2).lastEventId(), "the signal has no id: the last id stays put");
            });
            return client;
          }));
    }).onComplete(test.succeedingThenComplete());
  }

  @Test
  void queryParameterWorksAndTheHeaderWins(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx).compose(hub -> {
      Topic t = Topic.of("t");
      String one = hub.publisher().publish(t, "1");
      String two = hub.publisher().publish(t, "2");
      hub.publisher().publish(t, "3");
      return SseClient.connect(vertx, hub.port(), "/sse?topics=t&lastEventId=" + one)
          .compose(byQuery -> byQuery.awaitEvents(3).map(byQuery))
          .compose(byQuery -> SseClient.connect(vertx, hub.port(), "/sse?topics=t&lastEventId=" + one, two)
              .compose(both -> both.awaitEvents(2).map(x -> {
                test.verify(() -> {
                  assertEquals(List.of("2", "3"), data(byQuery.events()));
                  assertEquals(List.of("3"), data(both.events()));
                  assertEquals(two, signal(both).getString("lastEventId"));
                });
                return x;
              })));
    }).onComplete(test.succeedingThenComplete());
  }

  @Test
  void acrossSeveralTopicsInPublishOrderOnceEach(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx).compose(hub -> {
      String start = hub.publisher().publish(Topic.of("x"), "before");
      hub.publisher().publish(Topic.of("a"), "a1");
      hub.publisher().publish(Topic.of("x"), "x1");
      return hub.publishForm("topic=a&topic=b&data=ab")
          .compose(first -> hub.publishForm("topic=b&data=b1"))
          .compose(published -> SseClient.connect(vertx, hub.port(), "/sse?topics=a,b", start))
          .compose(client -> client.awaitEvents(4).map(events -> {
            test.verify(() -> {
              assertEquals(List.of("a1", "ab", "b1"), data(events));
              assertEquals(new JsonObject().put("lastEventId", start).put("replayed", 3).put("complete", true),
                  signal(client));
            });
            return events;
          }));
    }).onComplete(test.succeedingThenComplete());
  }

  @Test
  void earliestReplaysAllRetained(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx, history(2, 100)).compose(hub -> {
      for (int i = 1; i <= 3; i++) {
        hub.publisher().publish(Topic.of("t"), String.valueOf(i));
      }
      return SseClient.connect(vertx, hub.port(), "/sse?topics=t&lastEventId=earliest")
          .compose(client -> client.awaitEvents(3).map(events -> {
            test.verify(() -> {
              assertEquals(List.of("2", "3"), data(events));
              assertTrue(signal(client).getBoolean("complete"));
              assertEquals("earliest", client.response().getHeader("Last-Event-ID"));
            });
            return events;
          }));
    }).onComplete(test.succeedingThenComplete());
  }

  @Test
  void tooOldIsSignalled(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx, history(2, 100)).compose(hub -> {
      String first = hub.publisher().publish(Topic.of("t"), "1");
      hub.publisher().publish(Topic.of("t"), "2");
      String third = hub.publisher().publish(Topic.of("t"), "3");
      hub.publisher().publish(Topic.of("t"), "4");
      return SseClient.connect(vertx, hub.port(), "/sse?topics=t", first)
          .compose(client -> client.awaitEvents(3).map(events -> {
            test.verify(() -> {
              assertEquals(List.of("3", "4"), data(events));
              assertEquals(new JsonObject().put("lastEventId", first).put("replayed", 2).put("complete", false)
                  .put("reason", "too-old").put("oldestId", third), signal(client));
              assertEquals("earliest", client.response().getHeader("Last-Event-ID"),
                  "the header differs from the id sent: something was missed");
            });
            return events;
          }));
    }).onComplete(test.succeedingThenComplete());
  }

  @Test
  void unknownIdAndAnotherRunAreSignalled(Vertx vertx, VertxTestContext test) {
    String earlierRun = new EventIds(System.currentTimeMillis() - 3_600_000).generate(12);
    TestHub.start(vertx).compose(hub -> {
      String only = hub.publisher().publish(Topic.of("t"), "1");
      return SseClient.connect(vertx, hub.port(), "/sse?topics=t", "no-such-id")
          .compose(unknown -> unknown.awaitEvents(1).map(unknown))
          .compose(unknown -> SseClient.connect(vertx, hub.port(), "/sse?topics=t", earlierRun)
              .compose(restarted -> restarted.awaitEvents(2).map(events -> {
                test.verify(() -> {
                  assertEquals(new JsonObject().put("lastEventId", "no-such-id").put("replayed", 0)
                      .put("complete", false).put("reason", "unknown-id").put("oldestId", only), signal(unknown));
                  assertEquals(List.of(), data(unknown.events()));
                  assertEquals(List.of("1"), data(events), "all retained events are newer than an earlier run");
                  assertEquals("restarted", signal(restarted).getString("reason"));
                });
                return events;
              })));
    }).onComplete(test.succeedingThenComplete());
  }

  @Test
  void truncatedReplayIsSignalled(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx, history(100, 2)).compose(hub -> {
      String first = hub.publisher().publish(Topic.of("t"), "1");
      for (int i = 2; i <= 5; i++) {
        hub.publisher().publish(Topic.of("t"), String.valueOf(i));
      }
      return SseClient.connect(vertx, hub.port(), "/sse?topics=t", first)
          .compose(client -> client.awaitEvents(3).map(events -> {
            test.verify(() -> {
              assertEquals(List.of("4", "5"), data(events));
              assertEquals("truncated", signal(client).getString("reason"));
            });
            return events;
          }));
    }).onComplete(test.succeedingThenComplete());
  }

  @Test
  void disabledHistoryIsSignalled(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx, history(0, 100)).compose(hub -> {
      String first = hub.publisher().publish(Topic.of("t"), "1");
      hub.publisher().publish(Topic.of("t"), "2");
      return SseClient.connect(vertx, hub.port(), "/sse?topics=t", first)
          .compose(client -> client.awaitEvents(1).map(events -> {
            test.verify(() -> {
              assertEquals(List.of(), data(events));
              assertEquals(new JsonObject().put("lastEventId", first).put("replayed", 0).put("complete", false)
                  .put("reason", "disabled").putNull("oldestId"), signal(client));
            });
            return events;
          }));
    }).onComplete(test.succeedingThenComplete());
  }

  @Test
  void tooLongLastEventIdIsRefused(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx).compose(hub -> hub.request(io.vertx.core.http.HttpMethod.GET,
            "/sse?topics=t&lastEventId=" + "x".repeat(257)))
        .onComplete(test.succeeding(answer -> test.verify(() -> {
          assertEquals(400, answer.status());
          assertEquals("Invalid parameter 'lastEventId': \"" + "x".repeat(64) + "\"… (257 characters) is longer than"
              + " 256 characters, so it is no event id\n", answer.body());
          test.completeNow();
        })));
  }

  /**
   * A publisher sends 10,000 numbered events as fast as it can while the client drops its connection after every 700
   * events it takes and resumes with the last id it took: it ends with every number exactly once, in order.
   */
  @Test
  void noGapAndNoDuplicateAcrossReconnectionsUnderLoad(Vertx vertx, VertxTestContext test) {
    int total = 10_000;
    TestHub.start(vertx, history(total, total)).compose(hub -> {
      List<ParsedEvent> received = new ArrayList<>(total);
      Promise<Void> done = Promise.promise();
      Runnable publishAll = () -> vertx.executeBlocking(() -> {
        for (int i = 0; i < total; i++) {
          hub.publisher().publish(Topic.of("count"), String.valueOf(i));
        }
        return null;
      });
      followEvents(vertx, hub.port(), "/sse?topics=count", null, received, total, publishAll, done);
      return done.future().map(v -> {
        test.verify(() -> {
          assertEquals(total, received.size());
          for (int i = 0; i < total; i++) {
            assertEquals(String.valueOf(i), received.get(i).data(), "event at position " + i);
          }
        });
        return v;
      });
    }).onComplete(test.succeedingThenComplete());
  }

  /**
   * Two publishers on their own threads, one on topic a and one on b (every tenth of its events on both a and b),
   * while a client on a and b drops and resumes every 700 events: it gets each publisher's events exactly once and in
   * order, and ids in strictly increasing sequence.
   */
  @Test
  void noGapAndNoDuplicateWithConcurrentPublishersOnSeveralTopics(Vertx vertx, VertxTestContext test) {
    int perPublisher = 5_000;
    TestHub.start(vertx, history(2 * perPublisher, 2 * perPublisher)).compose(hub -> {
      List<ParsedEvent> received = new ArrayList<>();
      Promise<Void> done = Promise.promise();
      Runnable publishAll = () -> {
        vertx.executeBlocking(() -> {
          for (int i = 0; i < perPublisher; i++) {
            hub.publisher().publish(Topic.of("a"), "a:" + i);
          }
          return null;
        }, false);
        vertx.executeBlocking(() -> {
          for (int i = 0; i < perPublisher; i++) {
            List<Topic> topics = i % 10 == 0 ? List.of(Topic.of("a"), Topic.of("b")) : List.of(Topic.of("b"));
            hub.publisher().publish(new PublishRequest(topics, "b:" + i, null, null, null));
          }
          return null;
        }, false);
      };
      followEvents(vertx, hub.port(), "/sse?topics=a,b", null, received, 2 * perPublisher, publishAll, done);
      return done.future().map(v -> {
        test.verify(() -> {
          int nextA = 0;
          int nextB = 0;
          long previousSeq = 0;
          for (ParsedEvent event : received) {
            long seq = Long.parseLong(event.lastEventId().substring(event.lastEventId().indexOf('-') + 1));
            assertTrue(seq > previousSeq, "ids increase: " + previousSeq + " then " + seq);
            previousSeq = seq;
            String[] parts = event.data().split(":");
            if (parts[0].equals("a")) {
              assertEquals(nextA++, Integer.parseInt(parts[1]), "publisher a");
            } else {
              assertEquals(nextB++, Integer.parseInt(parts[1]), "publisher b");
            }
          }
          assertEquals(perPublisher, nextA);
          assertEquals(perPublisher, nextB);
        });
        return v;
      });
    }).onComplete(test.succeedingThenComplete());
  }

  /**
   * Reads the stream until 700 more events arrived (or all did), keeps exactly those as a client that stopped there,
   * then drops the connection and resumes from the last id kept. The first connection calls {@code onFirstOpen}
   * (which starts the publishers) once it is open.
   */
  private static void followEvents(Vertx vertx, int port, String uri, String lastId, List<ParsedEvent> received,
                                   int total, Runnable onFirstOpen, Promise<Void> done) {
    SseClient.connect(vertx, port, uri, lastId).onComplete(connected -> {
      if (connected.failed()) {
        done.fail(connected.cause());
        return;
      }
      if (onFirstOpen != null) {
        onFirstOpen.run();
      }
      SseClient client = connected.result();
      int target = Math.min(total, received.size() + 700);
      Future<List<ParsedEvent>> enough = Eventually.until(vertx, () -> Future.succeededFuture(client.events()),
          events -> received.size() + messages(events).size() >= target, 30_000);
      enough.onComplete(reached -> {
        List<ParsedEvent> all = messages(client.events());
        List<ParsedEvent> taken = all.subList(0, Math.min(all.size(), target - received.size()));
        received.addAll(taken);
        String last = taken.isEmpty() ? lastId : taken.get(taken.size() - 1).lastEventId();
        client.close();
        if (reached.failed()) {
          done.fail(reached.cause());
        } else if (received.size() >= total) {
          done.complete();
        } else {
          followEvents(vertx, port, uri, last, received, total, null, done);
        }
      });
    });
  }

  private static List<ParsedEvent> messages(List<ParsedEvent> events) {
    return events.stream().filter(e -> e.type().equals("message")).toList();
  }
}
