package io.ssehub.cluster;

import io.ssehub.support.HubProcess;
import io.ssehub.support.MercureFixture;
import io.ssehub.support.SseClient;
import io.ssehub.support.SseParser.ParsedEvent;
import io.ssehub.support.TestClients;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three hubs started from the built jar as separate JVMs, clustered on 127.0.0.1: an event published on any node
 * reaches every subscriber on every node once, in one order; a client resumes on another node with no gap and no
 * duplicate; the cluster's registrations do not grow with topics or connections.
 */
class ClusterIT {

  @TempDir
  static Path dir;

  private static Vertx vertx;
  private static HttpClient http;
  private static final List<HubProcess> NODES = new ArrayList<>();
  private static String clusterName;
  private static int[] hazelcastPorts;

  @BeforeAll
  static void startCluster() throws Exception {
    vertx = Vertx.vertx();
    http = TestClients.http(vertx);
    clusterName = "it-" + UUID.randomUUID().toString().substring(0, 8);
    hazelcastPorts = HubProcess.freePorts(3);
    for (int i = 0; i < 3; i++) {
      NODES.add(HubProcess.start(dir, "node" + i,
          ClusterNodes.config(clusterName, hazelcastPorts, i, new JsonArray())));
    }
    for (HubProcess node : NODES) {
      ClusterNodes.awaitMembers(vertx, http, node.port(), 3);
    }
  }

  @AfterAll
  static void stopCluster() throws Exception {
    for (HubProcess node : NODES) {
      node.close();
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void eventsPublishedOnAnyNodeReachEverySubscriberOnceInOneOrder() throws Exception {
    List<SseClient> subscribers = new ArrayList<>();
    for (HubProcess node : NODES) {
      subscribers.add(await(SseClient.connect(vertx, node.port(), "/sse?topics=order")));
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      expected.add("e" + i);
      ClusterNodes.publish(vertx, http, NODES.get(i % 3).port(), "order", "e" + i, null);
    }
    List<String> firstIds = null;
    for (SseClient subscriber : subscribers) {
      List<ParsedEvent> events = await(subscriber.awaitEvents(30));
      assertEquals(expected, events.stream().map(ParsedEvent::data).toList());
      List<String> ids = events.stream().map(ParsedEvent::lastEventId).toList();
      assertStrictlyIncreasing(ids);
      if (firstIds == null) {
        firstIds = ids;
      }
      assertEquals(firstIds, ids, "every node sends the same ids");
      await(subscriber.close());
    }
    // Nothing more arrives: each subscriber got each event once.
    for (SseClient subscriber : subscribers) {
      assertEquals(30, await(subscriber.eventsNow()).size());
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aClientResumesOnAnotherNodeWithNoGapAndNoDuplicate() throws Exception {
    SseClient first = await(SseClient.connect(vertx, NODES.get(1).port(), "/sse?topics=resume"));
    for (int i = 0; i < 5; i++) {
      ClusterNodes.publish(vertx, http, NODES.get(2).port(), "resume", "r" + i, null);
    }
    String lastSeen = await(first.awaitEvents(5)).get(4).lastEventId();
    await(first.close());
    for (int i = 5; i < 10; i++) {
      ClusterNodes.publish(vertx, http, NODES.get(0).port(), "resume", "r" + i, null);
    }
    // The publisher has its answer when the leader has the event; the feed takes it to the others a moment later.
    awaitApplied(NODES.get(2), "resume", 10);
    SseClient resumed = await(SseClient.connect(vertx, NODES.get(2).port(), "/sse?topics=resume", lastSeen));
    List<ParsedEvent> events = await(resumed.awaitEvents(6));
    assertEquals(List.of("r5", "r6", "r7", "r8", "r9"), events.subList(0, 5).stream().map(ParsedEvent::data).toList());
    assertEquals("ssehub-replay", events.get(5).type());
    JsonObject signal = new JsonObject(events.get(5).data());
    assertEquals(lastSeen, signal.getString("lastEventId"));
    assertEquals(5, signal.getInteger("replayed"));
    assertEquals(true, signal.getBoolean("complete"));
    await(resumed.close());
  }

  /**
   * The Mercure endpoint on every node: a private update published on one node (forwarded to the leader) reaches
   * only the subscriber whose token allows its alternate topic, on another node, by URL pattern; a third node
   * replays it to that subscriber alone.
   */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void mercureUpdatesKeepTheirTopicsAndPrivacyAcrossNodes() throws Exception {
    MercureFixture mercure = new MercureFixture(vertx);
    String owner = "mercureAuthorization=" + mercure.subscriberToken(MercureFixture.detailClaims("subscribe",
        Map.of("https://example.com/users/42/*", "urlpattern")));
    String query = "/.well-known/mercure?match_urlpattern=" + ClusterNodes.encode("https://example.com/books/:id");
    SseClient allowed = await(SseClient.connectWith(vertx, NODES.get(1).port(), query, Map.of("Cookie", owner)));
    SseClient anonymous = await(SseClient.connectWith(vertx, NODES.get(2).port(), query, Map.of()));
    String book = "topic=" + ClusterNodes.encode("https://example.com/books/7");
    String publisher = mercure.anyPublisher();
    String privateId = await(mercurePublish(NODES.get(0).port(), book + "&topic="
        + ClusterNodes.encode("https://example.com/users/42/books/7") + "&private=on&data=secret", publisher));
    await(mercurePublish(NODES.get(2).port(), book + "&data=public", publisher));
    assertEquals(List.of("secret", "public"),
        await(allowed.awaitEvents(2)).stream().map(ParsedEvent::data).toList());
    assertEquals(List.of("public"), await(anonymous.awaitEvents(1)).stream().map(ParsedEvent::data).toList());
    awaitApplied(NODES.get(0), "https://example.com/books/7", 2);
    SseClient replayed = await(SseClient.connectWith(vertx, NODES.get(0).port(), query + "&last_event_id=earliest",
        Map.of("Cookie", owner)));
    List<ParsedEvent> events = await(replayed.awaitEvents(2));
    assertEquals(List.of(privateId), events.subList(0, 1).stream().map(ParsedEvent::lastEventId).toList());
    assertEquals("earliest", replayed.response().getHeader("Mercure-Last-Event-ID"));
    for (SseClient client : List.of(allowed, anonymous, replayed)) {
      await(client.close());
    }
  }

  private static Future<String> mercurePublish(int port, String form, String token) {
    return http.request(HttpMethod.POST, port, "127.0.0.1", "/.well-known/mercure")
        .compose(request -> request.putHeader("Content-Type", "application/x-www-form-urlencoded")
            .putHeader("Authorization", "Bearer " + token).send(form))
        .compose(response -> response.body().map(body -> {
          assertEquals(200, response.statusCode(), body.toString());
          return body.toString();
        }));
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void aNodeThatJoinsLateCopiesHistoryAndReplaysWhatItNeverReceived() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(ClusterNodes.publish(vertx, http, NODES.get(0).port(), "late", "l" + i, null));
    }
    JsonObject config = ClusterNodes.config(clusterName, hazelcastPorts, 0, new JsonArray());
    config.getJsonObject("cluster").put("port", HubProcess.freePorts(1)[0]);
    try (HubProcess late = HubProcess.start(dir, "late", config)) {
      ClusterNodes.awaitMembers(vertx, http, late.port(), 4);
      ClusterNodes.publish(vertx, http, late.port(), "late", "l3", null);
      awaitApplied(late, "late", 1);
      // From an id published before it joined: it copied the leader's history, so it replays it all.
      SseClient fromOld = await(SseClient.connect(vertx, late.port(), "/sse?topics=late", ids.get(0)));
      List<ParsedEvent> events = await(fromOld.awaitEvents(4));
      assertEquals(List.of("l1", "l2", "l3"), events.subList(0, 3).stream().map(ParsedEvent::data).toList());
      JsonObject signal = new JsonObject(events.get(3).data());
      assertEquals(true, signal.getBoolean("complete"), signal.encode());
      assertEquals(3, signal.getInteger("replayed"));
      await(fromOld.close());
      assertEquals(0, ClusterNodes.stats(vertx, http, late.port()).getJsonObject("cluster").getInteger("feedGaps"));
      assertTrue(late.output().contains("Copied the cluster's history from its leader"), late.output());
    }
    ClusterNodes.awaitMembers(vertx, http, NODES.get(0).port(), 3);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void clusterRegistrationsDoNotGrowWithTopicsOrConnections() throws Exception {
    // One feed per node, and the leader's sequencer and history: 3 + 2, whatever the streams.
    assertEquals(5, ClusterNodes.registrations(vertx, http, NODES.get(0).port()));
    List<SseClient> streams = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      HubProcess node = NODES.get(i % 3);
      streams.add(await(SseClient.connect(vertx, node.port(), "/sse?topics=reg" + (i % 5) + ",reg" + (i % 7))));
    }
    for (HubProcess node : NODES) {
      JsonObject stats = ClusterNodes.stats(vertx, http, node.port());
      assertEquals(10, stats.getInteger("connections"));
      assertTrue(stats.getInteger("busConsumers") > 0, stats.encode());
    }
    assertEquals(5, ClusterNodes.registrations(vertx, http, NODES.get(1).port()));
    for (SseClient stream : streams) {
      await(stream.close());
    }
    for (HubProcess node : NODES) {
      ClusterNodes.awaitStat(vertx, http, node.port(), "busConsumers", 0);
    }
    assertEquals(5, ClusterNodes.registrations(vertx, http, NODES.get(2).port()));
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void metricsAndHealthShowEachNodesViewOfTheCluster() throws Exception {
    ClusterNodes.publish(vertx, http, NODES.get(1).port(), "metered", "m", null);
    int leaders = 0;
    for (HubProcess node : NODES) {
      String metrics = ClusterNodes.get(http, node.port(), "/metrics");
      assertTrue(metrics.contains("ssehub_cluster_members 3.0"), metrics);
      assertTrue(metrics.contains("ssehub_cluster_feed_gaps_total 0.0"), metrics);
      boolean leads = metrics.contains("ssehub_cluster_leader 1.0");
      leaders += leads ? 1 : 0;
      // The leader applies what it sequences itself; the others apply the feed, and time it.
      assertEquals(!leads, !metrics.contains("ssehub_cluster_feed_delay_seconds_count 0\n"), metrics);
      JsonObject ready = new JsonObject(ClusterNodes.get(http, node.port(), "/health/ready"));
      JsonObject view = ready.getJsonObject("data").getJsonObject("cluster");
      assertEquals(3, view.getInteger("members"), ready.encode());
      assertEquals(leads, view.getBoolean("leader"), ready.encode());
    }
    assertEquals(1, leaders);
  }

  /** Waits until a node has applied {@code count} events of a topic (its own count of what it published). */
  private static void awaitApplied(HubProcess node, String topic, int count) throws Exception {
    ClusterNodes.awaitStats(vertx, http, node.port(),
        stats -> stats.getJsonObject("published").getInteger(topic, 0) >= count);
  }

  static void assertStrictlyIncreasing(List<String> ids) {
    long previous = -1;
    for (String id : ids) {
      long seq = Long.parseLong(id.substring(id.indexOf('-') + 1));
      assertTrue(seq > previous, "ids increase: " + ids);
      previous = seq;
    }
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
