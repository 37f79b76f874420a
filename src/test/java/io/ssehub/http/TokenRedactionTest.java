package io.ssehub.http;

import io.ssehub.support.LogCapture;
import io.ssehub.support.TestClients;
import io.ssehub.support.TestHub;
import io.ssehub.support.TestHub.Answer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The {@code access_token} parameter is accepted under one spelling only ({@code access_token}, percent-encoded or
 * not), and its value is hidden whatever the spelling: no part of a token's signature reaches a response body or a
 * log line (access log, refusals), even when the request is refused and its URL echoed.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class TokenRedactionTest {

  private static final String SECRET = "a-test-secret-of-more-than-32-bytes-0123456789";
  /** Spellings, and whether the hub takes them as the token parameter. */
  private static final List<String> ACCEPTED = List.of("access_token", "access%5Ftoken", "%61ccess_token");
  private static final List<String> REFUSED = List.of("ACCESS_TOKEN", "Access_Token", "access%5ftoken".toUpperCase(),
      "access-token", "access.token", "access_token%20");

  private final LogCapture logs = new LogCapture();

  @AfterEach
  void release() {
    logs.close();
  }

  private static Future<Answer> get(Vertx vertx, TestHub hub, String uri) {
    HttpClient client = TestClients.http(vertx);
    return client.request(new RequestOptions().setHost("127.0.0.1").setPort(hub.port()).setURI(uri))
        .compose(request -> request.send())
        .compose(response -> response.statusCode() == 200
            ? Future.succeededFuture(new Answer(response, ""))
            : response.body().map(body -> new Answer(response, body.toString())))
        .eventually(client::close);
  }

  @Test
  void oneSpellingAuthenticatesAndNoSpellingLeaksTheToken(Vertx vertx, VertxTestContext test) {
    JsonObject config = TestHub.config().put("auth", new JsonObject().put("subscribe", "required")
        .put("hs256Secret", SECRET));
    config.getJsonObject("http").put("accessLog", true);
    String token = JWTAuth.create(vertx, new JWTAuthOptions()
            .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(SECRET)))
        .generateToken(new JsonObject().put("ssehub", new JsonObject().put("subscribe", new JsonArray().add("*"))),
            new JWTOptions().setAlgorithm("HS256").setExpiresInSeconds(600));
    String signature = token.substring(token.lastIndexOf('.') + 1);
    List<String> spellings = new ArrayList<>(ACCEPTED);
    spellings.addAll(REFUSED);
    TestHub.start(vertx, config).compose(hub -> {
      List<Future<Answer>> answers = new ArrayList<>();
      for (String name : spellings) {
        answers.add(get(vertx, hub, "/sse?topics=a&" + name + "=" + token));
        // A malformed query is refused with the query echoed: the token must not be in it.
        answers.add(get(vertx, hub, "/sse?topics=a&" + name + "=" + token + "&x=%zz"));
      }
      return Future.all(answers).map(all -> {
        test.verify(() -> {
          for (int i = 0; i < spellings.size(); i++) {
            String name = spellings.get(i);
            Answer plain = all.resultAt(2 * i);
            Answer malformed = all.resultAt(2 * i + 1);
            assertEquals(ACCEPTED.contains(name) ? 200 : 401, plain.status(), name + ": " + plain.body());
            assertEquals(400, malformed.status(), name);
            assertEquals("Malformed query string \"topics=a&" + name + "=[redacted]&x=%zz\": invalid percent-encoding"
                + " \"%zz\": % must be followed by two hex digits\n", malformed.body());
            assertFalse(plain.body().contains(signature.substring(0, 8)), name);
          }
        });
        return hub;
      });
    }).compose(hub -> hub.stop()).onComplete(test.succeeding(stopped -> test.verify(() -> {
      // The streams' access-log lines come when they end, with the hub's stop.
      List<String> lines = logs.lines();
      assertEquals(spellings.size() * 2, lines.stream().filter(line -> line.contains(" ssehub.access ")).count(),
          String.join("\n", lines));
      for (String line : lines) {
        assertFalse(line.contains(signature.substring(0, 8)), "a token's signature in the log: " + line);
      }
      test.completeNow();
    })));
  }
}
