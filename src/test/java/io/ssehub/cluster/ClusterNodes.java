package io.ssehub.cluster;

import io.ssehub.support.Eventually;
import io.ssehub.support.MercureFixture;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** Configurations of and requests to the hubs of a cluster test. */
final class ClusterNodes {

  private ClusterNodes() {
  }

  /**
   * Node {@code index} of a cluster named {@code name}, whose members use {@code ports} for Hazelcast: HTTP on a free
   * port, one event loop, the given generators.
   */
  static JsonObject config(String name, int[] ports, int index, JsonArray generators) {
    JsonArray members = new JsonArray();
    for (int port : ports) {
      members.add("127.0.0.1:" + port);
    }
    return new JsonObject()
        .put("http", new JsonObject().put("host", "127.0.0.1").put("port", 0).put("instances", 1))
        .put("generators", generators)
        .put("cluster", new JsonObject().put("enabled", true).put("name", name).put("host", "127.0.0.1")
            .put("port", ports[index]).put("members", members).put("joinTimeoutSeconds", 60))
        .put("mercure", MercureFixture.config().getJsonObject("mercure"));
  }

  /** Publishes through a node; completes with the event's id, or fails with the status and message. */
  static Future<String> publishAsync(HttpClient http, int port, String topic, String data, String id) {
    String body = "topic=" + encode(topic) + "&data=" + encode(data) + (id == null ? "" : "&id=" + encode(id));
    return http.request(HttpMethod.POST, port, "127.0.0.1", "/publish")
        .compose(request -> request.putHeader("Content-Type", "application/x-www-form-urlencoded").send(body))
        .compose(response -> response.body().map(reply -> {
          if (response.statusCode() != 200) {
            throw new PublishRefused(response.statusCode(), reply.toString());
          }
          return reply.toString();
        }));
  }

  /** Publishes through a node and waits for its id; fails the test on a refusal. */
  static String publish(Vertx vertx, HttpClient http, int port, String topic, String data, String id)
      throws Exception {
    return ClusterIT.await(publishAsync(http, port, topic, data, id));
  }

  /** A publish the hub answered with another status than 200. */
  static final class PublishRefused extends RuntimeException {
    final int status;

    PublishRefused(int status, String message) {
      super(status + " " + message);
      this.status = status;
    }
  }

  /** The body of a GET, whatever its status. */
  static String get(HttpClient http, int port, String uri) throws Exception {
    return ClusterIT.await(http.request(HttpMethod.GET, port, "127.0.0.1", uri)
        .compose(request -> request.send())
        .compose(response -> response.body())
        .map(body -> body.toString()));
  }

  static JsonObject stats(Vertx vertx, HttpClient http, int port) throws Exception {
    return ClusterIT.await(statsAsync(http, port));
  }

  static Future<JsonObject> statsAsync(HttpClient http, int port) {
    return http.request(HttpMethod.GET, port, "127.0.0.1", "/stats")
        .compose(request -> request.send())
        .compose(response -> response.body())
        .map(body -> new JsonObject(body.toString()));
  }

  /** The event-bus registrations of the whole cluster, as a node reports them. */
  static int registrations(Vertx vertx, HttpClient http, int port) throws Exception {
    return stats(vertx, http, port).getJsonObject("cluster").getInteger("registrations");
  }

  /** Waits until a node's cluster has {@code count} members. */
  static JsonObject awaitMembers(Vertx vertx, HttpClient http, int port, int count) throws Exception {
    return awaitStats(vertx, http, port,
        stats -> stats.getJsonObject("cluster").getJsonArray("members").size() == count);
  }

  /** Waits until a top-level figure of a node's {@code /stats} has a value. */
  static JsonObject awaitStat(Vertx vertx, HttpClient http, int port, String key, Object value) throws Exception {
    return awaitStats(vertx, http, port, stats -> Objects.equals(stats.getValue(key), value));
  }

  static JsonObject awaitStats(Vertx vertx, HttpClient http, int port,
                               java.util.function.Predicate<JsonObject> done) throws Exception {
    return Eventually.until(vertx, () -> statsAsync(http, port), done, 20_000)
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
