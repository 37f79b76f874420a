package io.ssehub.support;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ssehub.MainVerticle;
import io.ssehub.config.ServerConfig;
import io.ssehub.publish.Publisher;
import io.ssehub.sse.ConnectionRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.List;

/** The real hub, deployed in a test's Vert.x instance on a free port, with helpers to talk to it over HTTP. */
public final class TestHub {

  private final Vertx vertx;
  private final MainVerticle main;
  private final String deploymentId;
  private final HttpClient client;

  private TestHub(Vertx vertx, MainVerticle main, String deploymentId) {
    this.vertx = vertx;
    this.main = main;
    this.deploymentId = deploymentId;
    this.client = TestClients.http(vertx, new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port()));
  }

  /** A configuration on 127.0.0.1, port 0, the repo's webroot and no generators; tests add what they need. */
  public static JsonObject config() {
    return new JsonObject()
        .put("http", new JsonObject().put("host", "127.0.0.1").put("port", 0).put("webroot", "webroot"))
        .put("generators", new JsonArray());
  }

  public static Future<TestHub> start(Vertx vertx, JsonObject config) {
    return start(vertx, config, Clock.systemUTC());
  }

  /** Starts the hub on a clock of the test's choosing (it stamps events and measures their age). */
  public static Future<TestHub> start(Vertx vertx, JsonObject config, Clock clock) {
    MainVerticle main = new MainVerticle(ServerConfig.fromJson("test config", config), clock);
    return vertx.deployVerticle(main).map(id -> new TestHub(vertx, main, id));
  }

  /** Starts the hub with its meters in {@code registry}: the one a Vert.x built by HubMetrics.vertx reports into. */
  public static Future<TestHub> start(Vertx vertx, JsonObject config, PrometheusMeterRegistry registry) {
    MainVerticle main = new MainVerticle(ServerConfig.fromJson("test config", config), Clock.systemUTC(), registry);
    return vertx.deployVerticle(main).map(id -> new TestHub(vertx, main, id));
  }

  public static Future<TestHub> start(Vertx vertx) {
    return start(vertx, config());
  }

  public int port() {
    return main.port();
  }

  /** The distinct ports the HTTP verticles bound. */
  public List<Integer> boundPorts() {
    return main.boundPorts();
  }

  public Publisher publisher() {
    return main.publisher();
  }

  /** The live registry, readable after the hub is stopped (when /stats is gone). */
  public ConnectionRegistry registry() {
    return main.registry();
  }

  /** Undeploys the hub, as a shutdown does. */
  public Future<Void> stop() {
    return vertx.undeploy(deploymentId);
  }

  /** Posts a body with a content type and reads the whole answer. */
  public Future<Answer> post(String uri, String contentType, String body) {
    return client.request(HttpMethod.POST, uri)
        .compose(request -> {
          if (contentType != null) {
            request.putHeader("Content-Type", contentType);
          }
          return request.send(body);
        })
        .compose(response -> response.body().map(text -> new Answer(response, text.toString())));
  }

  /** Publishes a form ({@code name=value&...}, already encoded) and reads the answer. */
  public Future<Answer> publishForm(String form) {
    return post("/publish", "application/x-www-form-urlencoded", form);
  }

  /** Publishes a JSON object and reads the answer. */
  public Future<Answer> publishJson(JsonObject json) {
    return post("/publish", "application/json", json.encode());
  }

  /** Sends a request and reads the whole answer. */
  public Future<Answer> request(HttpMethod method, String uri) {
    return client.request(method, uri)
        .compose(request -> request.send())
        .compose(response -> response.body().map(body -> new Answer(response, body.toString())));
  }

  public Future<JsonObject> stats() {
    return request(HttpMethod.GET, "/stats").map(answer -> new JsonObject(answer.body()));
  }

  /**
   * Completes once {@code /stats} shows no connection and no subscription; fails if that takes longer than
   * {@code withinMillis}.
   */
  public Future<JsonObject> statsAtRest(long withinMillis) {
    return Eventually.until(vertx, this::stats,
        stats -> stats.getInteger("connections") == 0 && stats.getJsonObject("subscriptions").isEmpty(), withinMillis);
  }

  /** A whole HTTP answer. */
  public record Answer(HttpClientResponse response, String body) {
    public int status() {
      return response.statusCode();
    }

    public String header(String name) {
      return response.getHeader(name);
    }
  }
}
