package io.ssehub.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.util.List;
import java.util.Map;

/**
 * A hub with the Mercure endpoint on, its publishers' and subscribers' keys, tokens in both grant forms, and the
 * requests a Mercure client makes.
 */
public final class MercureFixture {

  public static final String PATH = "/.well-known/mercure";
  public static final String PUBLISHER_SECRET = "mercure-publisher-secret-of-more-than-32-bytes";
  public static final String SUBSCRIBER_SECRET = "mercure-subscriber-secret-of-more-than-32-bytes";

  private final Vertx vertx;
  private final JWTAuth publisherSigner;
  private final JWTAuth subscriberSigner;

  public MercureFixture(Vertx vertx) {
    this.vertx = vertx;
    this.publisherSigner = signer(vertx, PUBLISHER_SECRET);
    this.subscriberSigner = signer(vertx, SUBSCRIBER_SECRET);
  }

  public static JWTAuth signer(Vertx vertx, String secret) {
    return JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
  }

  /** The test hub's configuration with the Mercure endpoint on and separate keys for the two roles. */
  public static JsonObject config() {
    return TestHub.config().put("mercure", new JsonObject().put("enabled", true)
        .put("publisherHs256Secret", PUBLISHER_SECRET).put("subscriberHs256Secret", SUBSCRIBER_SECRET));
  }

  /** The 0.x claim: {@code {"mercure": {"publish": [...], "subscribe": [...]}}}. */
  public static JsonObject legacyClaims(List<String> publish, List<String> subscribe) {
    return new JsonObject().put("mercure", new JsonObject().put("publish", new JsonArray(publish))
        .put("subscribe", new JsonArray(subscribe)));
  }

  /** The 1.0 claim: one authorization detail granting {@code action} on these {@code match, match_type} pairs. */
  public static JsonObject detailClaims(String action, Map<String, String> matchers) {
    JsonArray topics = new JsonArray();
    matchers.forEach((match, type) -> topics.add(new JsonObject().put("match", match).put("match_type", type)));
    return new JsonObject().put("authorization_details", new JsonArray().add(new JsonObject()
        .put("type", "https://mercure.rocks/authorization-detail").put("actions", new JsonArray().add(action))
        .put("topics", topics)));
  }

  public String publisherToken(JsonObject claims) {
    return sign(publisherSigner, claims, 600);
  }

  public String subscriberToken(JsonObject claims, long expiresInSeconds) {
    return sign(subscriberSigner, claims, expiresInSeconds);
  }

  public String subscriberToken(JsonObject claims) {
    return subscriberToken(claims, 600);
  }

  /** A publisher allowed every topic, in the 0.x form Symfony's component mints by default. */
  public String anyPublisher() {
    return publisherToken(legacyClaims(List.of("*"), List.of()));
  }

  private static String sign(JWTAuth signer, JsonObject claims, long expiresInSeconds) {
    return signer.generateToken(claims.copy().put("exp", System.currentTimeMillis() / 1000 + expiresInSeconds),
        new JWTOptions().setAlgorithm("HS256"));
  }

  /**
   * The {@code WWW-Authenticate} challenge of a Mercure refusal: RFC 6750's, with the hub's metadata (RFC 9728).
   *
   * @param error {@code invalid_token}, {@code insufficient_scope}, or null for a missing token
   */
  public static String challenge(TestHub hub, String error) {
    return "Bearer realm=\"ssehub\"" + (error == null ? "" : ", error=\"" + error + "\"")
        + ", resource_metadata=\"http://127.0.0.1:" + hub.port() + "/.well-known/oauth-protected-resource"
        + PATH + "\"";
  }

  /** Posts a Mercure update (a form, already encoded) with these headers; the whole answer. */
  public Future<TestHub.Answer> publish(TestHub hub, String form, Map<String, String> headers) {
    return request(hub, HttpMethod.POST, PATH, form, headers);
  }

  /** Posts a Mercure update with a bearer token. */
  public Future<TestHub.Answer> publish(TestHub hub, String form, String token) {
    return publish(hub, form, Map.of("Content-Type", "application/x-www-form-urlencoded",
        "Authorization", "Bearer " + token));
  }

  /** A request whose answer is read whole (for a stream, only its head: the connection is then closed). */
  public Future<TestHub.Answer> request(TestHub hub, HttpMethod method, String uri, String body,
                                        Map<String, String> headers) {
    HttpClient client = TestClients.http(vertx, new HttpClientOptions());
    RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(hub.port())
        .setURI(uri);
    headers.forEach(options::putHeader);
    return client.request(options).compose(request -> body == null ? request.send() : request.send(body))
        .compose(response -> String.valueOf(response.getHeader("Content-Type")).startsWith("text/event-stream")
            ? response.request().connection().close().map(new TestHub.Answer(response, ""))
            : response.body().map(text -> new TestHub.Answer(response, text.toString())));
  }
}
