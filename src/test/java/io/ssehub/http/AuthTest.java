package io.ssehub.http;

import io.ssehub.support.CountedVertxTest;
import io.ssehub.support.SseClient;
import io.ssehub.support.SseParser.ParsedEvent;
import io.ssehub.support.TestClients;
import io.ssehub.support.TestHub;
import io.ssehub.support.TestHub.Answer;
import io.vertx.core.Future;
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
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Token checks over real HTTP: subscribers with a header, a cookie or a parameter; publishers with a header; bad,
 * expired, forged and unsigned tokens; topic selectors; optional mode; a stream ending when its token expires; and
 * an RS256 key generated at test time. A refused subscription never registers a consumer.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class AuthTest extends CountedVertxTest {

  private static final String SECRET = "a-test-secret-of-more-than-32-bytes-0123456789";
  private static final String HOW = "send a bearer token in the Authorization header, the ssehubAuthorization cookie"
      + " or the access_token parameter";

  private JWTAuth signer;

  @BeforeEach
  void createSigner() {
    signer = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(SECRET)));
  }


  private static JsonObject config(String publish, String subscribe) {
    return TestHub.config().put("auth", new JsonObject().put("publish", publish).put("subscribe", subscribe)
        .put("hs256Secret", SECRET).put("publicTopics", new JsonArray().add("time")));
  }

  private static JsonObject grants(List<String> publish, List<String> subscribe) {
    return new JsonObject().put("ssehub", new JsonObject().put("publish", new JsonArray(publish))
        .put("subscribe", new JsonArray(subscribe)));
  }

  private String token(JsonObject claims, long expiresInSeconds) {
    long now = System.currentTimeMillis() / 1000;
    return signer.generateToken(claims.copy().put("exp", now + expiresInSeconds),
        new JWTOptions().setAlgorithm("HS256"));
  }

  /** GET with optional headers; the whole answer. */
  private Future<Answer> get(TestHub hub, String uri, Map<String, String> headers) {
    HttpClient client = TestClients.http(vertx, new HttpClientOptions());
    RequestOptions options = new RequestOptions().setHost("127.0.0.1").setPort(hub.port()).setURI(uri);
    headers.forEach(options::putHeader);
    return client.request(options).compose(request -> request.send())
        .compose(response -> response.statusCode() == 200
            // Only the head of an admitted stream matters here; closing it keeps the test's Vert.x free to close.
            ? response.request().connection().close().map(new Answer(response, ""))
            : response.body().map(body -> new Answer(response, body.toString())));
  }

  private static void assertAnswer(Answer answer, int status, String message) {
    assertEquals(status, answer.status(), answer.body());
    assertEquals(message + "\n", answer.body());
  }

  @Test
  void subscribersNeedATokenThatAllowsEveryTopic(VertxTestContext test) {
    String orders = token(grants(List.of(), List.of("orders/*", "news")), 60);
    TestHub.start(vertx, config("off", "required")).compose(hub -> Future.all(List.of(
            get(hub, "/sse?topics=orders/1", Map.of()),
            get(hub, "/sse?topics=orders/1,orders/2,news", Map.of("Authorization", "Bearer " + orders)),
            get(hub, "/sse?topics=orders/3", Map.of("Cookie", "ssehubAuthorization=" + orders)),
            get(hub, "/sse?topics=news&access_token=" + orders, Map.of()),
            get(hub, "/sse?topics=orders/4,sports", Map.of("Authorization", "bearer " + orders)),
            get(hub, "/sse?topics=orders", Map.of("Authorization", "Bearer " + orders))))
        .map(all -> {
          test.verify(() -> {
            Answer none = all.resultAt(0);
            assertAnswer(none, 401, "Authorization required: " + HOW);
            assertEquals("Bearer realm=\"ssehub\"", none.header("WWW-Authenticate"));
            assertEquals(200, all.<Answer>resultAt(1).status(), "header");
            assertEquals(200, all.<Answer>resultAt(2).status(), "cookie");
            assertEquals(200, all.<Answer>resultAt(3).status(), "access_token parameter");
            assertAnswer(all.resultAt(4), 403, "The token does not allow subscribing to topic \"sports\"");
            assertAnswer(all.resultAt(5), 403, "The token does not allow subscribing to topic \"orders\"");
            assertEquals(Set.of("orders/1", "orders/2", "orders/3", "news"), consumers.topicsEverSubscribed(),
                "refused subscriptions registered nothing");
          });
          return all;
        }))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void badTokensGet401InvalidTokenWithoutBeingEchoed(VertxTestContext test) {
    JsonObject claims = grants(List.of(), List.of("*"));
    String expired = token(claims, -10);
    String forged = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions()
            .setAlgorithm("HS256").setBuffer("another-secret-of-more-than-32-bytes-xxxxxxxx")))
        .generateToken(claims, new JWTOptions().setAlgorithm("HS256"));
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    String unsignedBody = url.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
        + "." + url.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
    String notYet = signer.generateToken(claims.copy().put("nbf", System.currentTimeMillis() / 1000 + 600),
        new JWTOptions().setAlgorithm("HS256"));
    List<String> tokens = List.of(expired, forged, unsignedBody, unsignedBody + ".", unsignedBody + ".c2ln",
        notYet, "garbage");
    List<String> reasons = List.of("it has expired or is not valid yet",
        "it is malformed, or not signed with a key this hub trusts", "it is malformed, or not signed with a key this"
            + " hub trusts", "it is malformed, or not signed with a key this hub trusts",
        "it is not signed (alg: none)",
        "it has expired or is not valid yet", "it is malformed, or not signed with a key this hub trusts");
    TestHub.start(vertx, config("off", "required")).compose(hub -> Future.all(tokens.stream()
            .map(token -> get(hub, "/sse?topics=a", Map.of("Authorization", "Bearer " + token))).toList())
        .map(all -> {
          test.verify(() -> {
            for (int i = 0; i < tokens.size(); i++) {
              Answer answer = all.resultAt(i);
              assertAnswer(answer, 401, "Invalid token: " + reasons.get(i));
              assertEquals("Bearer realm=\"ssehub\", error=\"invalid_token\"", answer.header("WWW-Authenticate"));
              assertFalse(answer.body().contains(tokens.get(i)), "the token is never echoed");
            }
            assertEquals(Set.of(), consumers.topicsEverSubscribed());
          });
          return all;
        }))
        .onComplete(test.succeedingThenComplete());
  }

  /** A selector the token command would refuse to mint is refused in a token too, whatever signed it. */
  @Test
  void tokensWithAnInvalidSelectorGet401(VertxTestContext test) {
    String spaced = token(grants(List.of(), List.of("a b")), 60);
    String innerStar = token(grants(List.of("orders/*/x"), List.of("a")), 60);
    TestHub.start(vertx, config("off", "required")).compose(hub -> Future.all(
            get(hub, "/sse?topics=a", Map.of("Authorization", "Bearer " + spaced)),
            get(hub, "/sse?topics=a", Map.of("Authorization", "Bearer " + innerStar))))
        .map(all -> {
          test.verify(() -> {
            assertAnswer(all.resultAt(0), 401, "Invalid token: its \"ssehub.subscribe\" claim holds an invalid selector"
                + " \"a b\": a topic name must not contain whitespace (U+0020 found)");
            assertEquals("Bearer realm=\"ssehub\", error=\"invalid_token\"", all.<Answer>resultAt(0)
                .header("WWW-Authenticate"));
            assertAnswer(all.resultAt(1), 401, "Invalid token: its \"ssehub.publish\" claim holds an invalid selector"
                + " \"orders/*/x\": a * may only end a selector, as in orders/*");
            assertEquals(Set.of(), consumers.topicsEverSubscribed());
          });
          return all;
        })
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void optionalModeServesPublicTopicsToAnyoneAndTheRestToTokens(VertxTestContext test) {
    String news = token(grants(List.of(), List.of("news")), 60);
    TestHub.start(vertx, config("off", "optional")).compose(hub -> Future.all(List.of(
            get(hub, "/sse?topics=time", Map.of()),
            get(hub, "/sse?topics=time,news", Map.of()),
            get(hub, "/sse?topics=time,news", Map.of("Authorization", "Bearer " + news)),
            get(hub, "/sse?topics=time", Map.of("Authorization", "Bearer garbage"))))
        .map(all -> {
          test.verify(() -> {
            assertEquals(200, all.<Answer>resultAt(0).status(), "a public topic needs no token");
            assertAnswer(all.resultAt(1), 401, "Topic \"news\" is not public: " + HOW);
            assertEquals(200, all.<Answer>resultAt(2).status(), "a token adds its topics to the public ones");
            assertAnswer(all.resultAt(3), 401,
                "Invalid token: it is malformed, or not signed with a key this hub trusts");
          });
          return all;
        }))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void publishersNeedABearerTokenThatAllowsEveryTopic(VertxTestContext test) {
    String publisher = token(grants(List.of("orders/*"), List.of()), 60);
    TestHub.start(vertx, config("required", "off")).compose(hub -> hub.publishForm("topic=orders/1&data=x")
        .compose(anonymous -> post(hub, "topic=orders/1&data=x", publisher).map(allowed -> List.of(anonymous, allowed)))
        .compose(answers -> post(hub, "topic=orders/2&topic=news&data=x", publisher).map(refused -> {
          test.verify(() -> {
            assertAnswer(answers.get(0), 401, "Authorization required: send Authorization: Bearer <token>");
            assertEquals("Bearer realm=\"ssehub\"", answers.get(0).header("WWW-Authenticate"));
            assertEquals(200, answers.get(1).status(), answers.get(1).body());
            assertAnswer(refused, 403, "The token does not allow publishing to topic \"news\"");
          });
          return refused;
        }))
        .compose(refused -> hub.stats())
        .map(stats -> {
          test.verify(() -> assertEquals(1, stats.getLong("publishedTotal"), "only the allowed publish went out"));
          return stats;
        }))
        .onComplete(test.succeedingThenComplete());
  }

  private Future<Answer> post(TestHub hub, String form, String token) {
    HttpClient client = TestClients.http(vertx, new HttpClientOptions());
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(hub.port())
        .setURI("/publish").putHeader("Content-Type", "application/x-www-form-urlencoded")
        .putHeader("Authorization", "Bearer " + token);
    return client.request(options).compose(request -> request.send(form))
        .compose(response -> response.body().map(body -> new Answer(response, body.toString())));
  }

  @Test
  void aStreamEndsCleanlyWhenItsTokenExpires(VertxTestContext test) {
    String shortLived = token(grants(List.of(), List.of("t")), 2);
    TestHub.start(vertx, config("off", "required")).compose(hub ->
            SseClient.connect(vertx, hub.port(), "/sse?topics=t&access_token=" + shortLived)
                .compose(client -> client.ended().map(client))
                .compose(client -> hub.statsAtRest(2_000)))
        .onComplete(test.succeeding(stats -> test.verify(() -> {
          assertEquals(Map.of(), consumers.topicConsumers());
          test.completeNow();
        })));
  }

  @Test
  void anRs256PublicKeyVerifiesTokensSignedWithItsPrivateKey(@TempDir Path dir, VertxTestContext test)
      throws Exception {
    publicKeyVerifiesTokensSignedWithItsPrivateKey(dir, "RSA", 2048, "RS256", test);
  }

  @Test
  void anEs256PublicKeyVerifiesTokensSignedWithItsPrivateKey(@TempDir Path dir, VertxTestContext test)
      throws Exception {
    publicKeyVerifiesTokensSignedWithItsPrivateKey(dir, "EC", 256, "ES256", test);
  }

  /** A key pair made now; the hub gets the public key's PEM file, the test signs with the private key. */
  private void publicKeyVerifiesTokensSignedWithItsPrivateKey(Path dir, String keyType, int size, String algorithm,
                                                             VertxTestContext test) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(keyType);
    generator.initialize(size);
    KeyPair pair = generator.generateKeyPair();
    Base64.Encoder mime = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    Path publicKey = dir.resolve("public.pem");
    Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n" + mime.encodeToString(pair.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n");
    String privatePem = "-----BEGIN PRIVATE KEY-----\n" + mime.encodeToString(pair.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
    String token = JWTAuth.create(vertx, new JWTAuthOptions()
            .addPubSecKey(new PubSecKeyOptions().setAlgorithm(algorithm).setBuffer(privatePem)))
        .generateToken(grants(List.of(), List.of("signed")), new JWTOptions().setAlgorithm(algorithm));
    JsonObject config = TestHub.config().put("auth", new JsonObject().put("subscribe", "required")
        .put("publicKeyPath", publicKey.toString()).put("publicKeyAlgorithm", algorithm));
    TestHub.start(vertx, config).compose(hub -> Future.all(
            get(hub, "/sse?topics=signed", Map.of("Authorization", "Bearer " + token)),
            get(hub, "/sse?topics=signed", Map.of("Authorization", "Bearer " + token(grants(List.of(),
                List.of("signed")), 60)))))
        .map(all -> {
          test.verify(() -> {
            assertEquals(200, all.<Answer>resultAt(0).status());
            assertEquals(401, all.<Answer>resultAt(1).status(), "an HS256 token is not trusted without the secret");
          });
          return all;
        })
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void audienceAndIssuerAreCheckedWhenConfigured(VertxTestContext test) {
    JsonObject config = config("off", "required");
    config.getJsonObject("auth").put("audience", "hub.example").put("issuer", "https://id.example");
    JsonObject claims = grants(List.of(), List.of("a"));
    String right = token(claims.copy().put("aud", "hub.example").put("iss", "https://id.example"), 60);
    String otherAudience = token(claims.copy().put("aud", "other.example").put("iss", "https://id.example"), 60);
    String otherIssuer = token(claims.copy().put("aud", "hub.example").put("iss", "https://evil.example"), 60);
    TestHub.start(vertx, config).compose(hub -> Future.all(
            get(hub, "/sse?topics=a", Map.of("Authorization", "Bearer " + right)),
            get(hub, "/sse?topics=a", Map.of("Authorization", "Bearer " + otherAudience)),
            get(hub, "/sse?topics=a", Map.of("Authorization", "Bearer " + otherIssuer))))
        .map(all -> {
          test.verify(() -> {
            assertEquals(200, all.<Answer>resultAt(0).status());
            assertAnswer(all.resultAt(1), 401, "Invalid token: its audience (aud) is not this hub's");
            assertAnswer(all.resultAt(2), 401, "Invalid token: its issuer (iss) is not the one this hub trusts");
          });
          return all;
        })
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void theAccessTokenParameterIsRedactedFromMessages(VertxTestContext test) {
    TestHub.start(vertx, config("off", "required"))
        .compose(hub -> get(hub, "/sse?topics=a&access_token=secret.token.value&x=%zz", Map.of()))
        .map(answer -> {
          test.verify(() -> assertAnswer(answer, 400,
              "Malformed query string \"topics=a&access_token=[redacted]&x=%zz\": invalid percent-encoding \"%zz\":"
                  + " % must be followed by two hex digits"));
          return answer;
        })
        .onComplete(test.succeedingThenComplete());
  }

  /** A private event reaches a /sse stream only when its token allows one of the event's topics. */
  @Test
  void privateEventsReachOnlyStreamsWhoseTokenAllowsThem(VertxTestContext test) {
    JsonObject config = config("off", "optional");
    config.getJsonObject("auth").put("publicTopics", new JsonArray().add("news"));
    String reader = token(grants(List.of(), List.of("news", "staff/*")), 60);
    TestHub.start(vertx, config).compose(hub -> Future.all(
            SseClient.connect(vertx, hub.port(), "/sse?topics=news"),
            SseClient.connect(vertx, hub.port(), "/sse?topics=news&access_token=" + reader))
        .compose(streams -> hub.publishJson(new JsonObject().put("topics", new JsonArray().add("news")
                .add("staff/memo")).put("data", "private").put("private", true))
            .compose(a -> hub.publishJson(new JsonObject().put("topic", "news").put("data", "public")))
            .compose(b -> Future.all(streams.<SseClient>resultAt(0).awaitEvents(1),
                streams.<SseClient>resultAt(1).awaitEvents(2)))))
        .onComplete(test.succeeding(received -> test.verify(() -> {
          assertEquals(List.of("public"), received.<List<ParsedEvent>>resultAt(0).stream()
              .map(ParsedEvent::data).toList(), "anonymous");
          assertEquals(List.of("private", "public"), received.<List<ParsedEvent>>resultAt(1)
              .stream().map(ParsedEvent::data).toList(), "allowed staff/*");
          test.completeNow();
        })));
  }
}
