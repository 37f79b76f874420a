package io.ssehub.cluster;

import io.ssehub.support.Eventually;
import io.ssehub.support.HubProcess;
import io.ssehub.support.SseClient;
import io.ssehub.support.SseParser.ParsedEvent;
import io.ssehub.support.TestClients;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.ssehub.cluster.ClusterIT.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Losing a node: its clients move to another node and lose nothing history retained; the generator runs once and
 * moves with the leadership; the dead node leaves no registration behind. And a node that cannot join exits 1.
 */
class FailoverIT {

  private static final int EVENTS = 60;
  /** The data of this test's events, and of the time generator's. */
  private static final String EVENT = "e\\d+";
  private static final String TIME = "\\d\\d:\\d\\d:\\d\\d\\.\\d{6}";

  @TempDir
  Path dir;

  private Vertx vertx;
  private HttpClient http;
  private final List<HubProcess> hubs = new ArrayList<>();

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    http = TestClients.http(vertx);
  }

  @AfterEach
  void tearDown() throws Exception {
    for (HubProcess hub : hubs) {
      hub.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void killingTheLeaderWhilePublishingLosesNothingAndMovesTheGenerator() throws Exception {
    String name = "it-" + UUID.randomUUID().toString().substring(0, 8);
    int[] ports = HubProcess.freePorts(2);
    JsonArray generators = new JsonArray().add(new JsonObject().put("topic", "time").put("intervalMillis", 200));
    HubProcess leader = start(ClusterNodes.config(name, ports, 0, generators), "leader");
    HubProcess survivor = start(ClusterNodes.config(name, ports, 1, generators), "survivor");
    ClusterNodes.awaitMembers(vertx, http, survivor.port(), 2);
    assertTrue(ClusterNodes.stats(vertx, http, leader.port()).getJsonObject("cluster").getBoolean("leader"));
    assertFalse(ClusterNodes.stats(vertx, http, survivor.port()).getJsonObject("cluster").getBoolean("leader"));

    SseClient onLeader = await(SseClient.connect(vertx, leader.port(), "/sse?topics=t"));
    SseClient onSurvivor = await(SseClient.connect(vertx, survivor.port(), "/sse?topics=t,time"));
    // Both nodes configure the generator; only the leader runs it: one event per interval, not two.
    assertGeneratorRunsOnce(onSurvivor, 6);

    for (int i = 0; i < EVENTS; i++) {
      if (i == EVENTS / 3) {
        leader.kill();
      }
      publishUntilTaken(survivor.port(), i);
    }

    // The survivor's own client saw every event once, in order (the last ones may still be on their way when the
    // publisher has its answer).
    List<ParsedEvent> survivorSaw = await(Eventually.until(vertx, onSurvivor::eventsNow,
        events -> data(events, EVENT).size() >= EVENTS, 10_000));
    assertEquals(expected(), data(survivorSaw, EVENT));
    // The leader's client lost its stream with the node, reconnected to the survivor from its last id, and got the
    // rest from history, then live: every event once, in order, across its two streams.
    await(onLeader.ended().recover(broken -> Future.succeededFuture()));
    List<ParsedEvent> before = await(onLeader.eventsNow());
    String lastSeen = before.isEmpty() ? null : before.get(before.size() - 1).lastEventId();
    SseClient moved = await(SseClient.connect(vertx, survivor.port(), "/sse?topics=t", lastSeen));
    int missing = EVENTS - before.size();
    List<ParsedEvent> after = await(moved.awaitEvents(missing + (lastSeen == null ? 0 : 1)));
    List<String> all = new ArrayList<>(before.stream().map(ParsedEvent::data).toList());
    after.stream().map(ParsedEvent::data).filter(data -> data.matches(EVENT)).forEach(all::add);
    assertEquals(expected(), all);
    if (lastSeen != null) {
      JsonObject signal = new JsonObject(after.get(after.size() - 1).data());
      assertEquals(true, signal.getBoolean("complete"), signal.encode());
    }

    // The survivor leads now and runs the generator; the dead node's registrations are gone.
    JsonObject stats = ClusterNodes.awaitStats(vertx, http, survivor.port(),
        s -> s.getJsonObject("cluster").getInteger("registrations") == 3);
    assertTrue(stats.getJsonObject("cluster").getBoolean("leader"));
    assertEquals(1, stats.getJsonObject("cluster").getJsonArray("members").size());
    List<ParsedEvent> seen = await(onSurvivor.eventsNow());
    List<ParsedEvent> later = await(onSurvivor.awaitEvents(seen.size() + 3));
    assertEquals(data(seen, TIME).size() + 3, data(later, TIME).size(), "the generator resumed on the survivor");
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void aNodeThatCannotJoinExitsWithStatusOne() throws Exception {
    int[] ports = HubProcess.freePorts(2);
    JsonObject config = ClusterNodes.config("it-lonely", ports, 0, new JsonArray());
    config.getJsonObject("cluster").put("minMembers", 2).put("joinTimeoutSeconds", 3);
    HubProcess lonely = HubProcess.launch(dir, "lonely", config);
    hubs.add(lonely);
    assertEquals(1, lonely.awaitExit(60));
    assertTrue(lonely.output().contains("did not join cluster \"it-lonely\" within 3 s (cluster.joinTimeoutSeconds):"
        + " it needs 2 member(s) (cluster.minMembers)"), lonely.output());
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aMissingHazelcastFileStopsStartupNamingTheKey() throws Exception {
    JsonObject config = ClusterNodes.config("it-nofile", HubProcess.freePorts(1), 0, new JsonArray());
    config.getJsonObject("cluster").put("configFile", "conf/no-such-cluster.xml");
    HubProcess hub = HubProcess.launch(dir, "nofile", config);
    hubs.add(hub);
    assertEquals(2, hub.awaitExit(30));
    assertTrue(hub.output().contains("cluster.configFile: \"conf/no-such-cluster.xml\" is not a readable file"),
        hub.output());
  }

  private HubProcess start(JsonObject config, String name) throws Exception {
    HubProcess hub = HubProcess.start(dir, name, config);
    hubs.add(hub);
    return hub;
  }

  /**
   * Publishes event {@code i} with an explicit id until the cluster takes it: a 503 (no leader yet) is retried with
   * the same id, and a 409 means an earlier try was taken after all. Bounded by the test's timeout.
   */
  private void publishUntilTaken(int port, int i) throws Exception {
    while (true) {
      Future<String> attempt = ClusterNodes.publishAsync(http, port, "t", "e" + i, "ev-" + i);
      try {
        await(attempt);
        return;
      } catch (java.util.concurrent.ExecutionException e) {
        if (!(e.getCause() instanceof ClusterNodes.PublishRefused refused)) {
          throw e;
        }
        if (refused.status == 409) {
          return;
        }
        assertEquals(503, refused.status, refused.getMessage());
        // Retry after a moment, as a client told 503 does: the cluster is finding its new leader.
        Promise<Void> pause = Promise.promise();
        vertx.setTimer(100, id -> pause.complete());
        await(pause.future());
      }
    }
  }

  /** Consecutive generator events are an interval apart (200 ms), never two in one interval. */
  private static void assertGeneratorRunsOnce(SseClient client, int count) throws Exception {
    int start = await(client.eventsNow()).size();
    List<String> times = await(client.awaitEvents(start + count)).subList(start, start + count).stream()
        .map(ParsedEvent::data).filter(TIME::matches).toList();
    for (int i = 1; i < times.size(); i++) {
      Duration gap = Duration.between(LocalTime.parse(times.get(i - 1)), LocalTime.parse(times.get(i)));
      assertTrue(gap.isNegative() || gap.toMillis() >= 100, "one generator in the cluster: " + times);
    }
  }

  /** The data of the events that match a pattern (this test's events, or the generator's). */
  private static List<String> data(List<ParsedEvent> events, String pattern) {
    return events.stream().map(ParsedEvent::data).filter(data -> data.matches(pattern)).toList();
  }

  private static List<String> expected() {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) {
      expected.add("e" + i);
    }
    return expected;
  }
}
