package io.ssehub.http;

import io.ssehub.support.TestClients;
import io.ssehub.support.TestHub;
import io.ssehub.support.TestHub.Answer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Tokens signed with the hub's own key whose registered claims have the wrong JSON type get 401 with a plain reason
 * on both {@code /sse} and {@code /publish}, never a 500: the JWT library would cast them blindly.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class TokenClaimTypesTest {

  private static final String SECRET = "a-test-secret-of-more-than-32-bytes-0123456789";
  private static final String GRANTS = "\"ssehub\":{\"subscribe\":[\"*\"],\"publish\":[\"*\"]}";
  private static final long LATER = System.currentTimeMillis() / 1000 + 3600;

  /** Payload (the claims besides the grants, as raw JSON) to the reason the hub must give. */
  private static Map<String, String> cases() {
    Map<String, String> cases = new LinkedHashMap<>();
    String date = "; it must be a number (seconds since 1970-01-01T00:00:00Z)";
    cases.put("\"exp\":\"1795980000\"", "its \"exp\" claim is a string" + date);
    cases.put("\"exp\":true", "its \"exp\" claim is a boolean" + date);
    cases.put("\"exp\":null", "its \"exp\" claim is null" + date);
    cases.put("\"exp\":" + LATER + ",\"nbf\":\"1\"", "its \"nbf\" claim is a string" + date);
    cases.put("\"exp\":" + LATER + ",\"iat\":\"1\"", "its \"iat\" claim is a string" + date);
    cases.put("\"exp\":" + LATER + ",\"iat\":{}", "its \"iat\" claim is an object" + date);
    cases.put("\"exp\":" + LATER + ",\"aud\":5", "its \"aud\" claim is a number; it must be a string or an array of"
        + " strings");
    cases.put("\"exp\":" + LATER + ",\"aud\":[\"ssehub\",5]", "its \"aud\" claim is an array holding something other"
        + " than strings; it must be a string or an array of strings");
    cases.put("\"exp\":" + LATER + ",\"iss\":7", "its \"iss\" claim is a number; it must be a string");
    cases.put("\"exp\":" + LATER + ",\"sub\":[]", "its \"sub\" claim is an array; it must be a string");
    return cases;
  }

  private static String sign(String payloadJson) throws Exception {
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    String signed = url.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + url.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return signed + "." + url.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
  }

  private static Future<Answer> send(Vertx vertx, TestHub hub, HttpMethod method, String uri, String token) {
    HttpClient client = TestClients.http(vertx);
    RequestOptions options = new RequestOptions().setHost("127.0.0.1").setPort(hub.port()).setMethod(method)
        .setURI(uri).putHeader("Authorization", "Bearer " + token)
        .putHeader("Content-Type", "application/x-www-form-urlencoded");
    return client.request(options)
        .compose(request -> method == HttpMethod.POST ? request.send("topic=a&data=x") : request.send())
        .compose(response -> response.body().map(body -> new Answer(response, body.toString())))
        .eventually(client::close);
  }

  @Test
  void claimsOfTheWrongTypeGet401WithTheReason(Vertx vertx, VertxTestContext test) throws Exception {
    Map<String, String> cases = cases();
    List<String> tokens = new ArrayList<>();
    for (String claims : cases.keySet()) {
      tokens.add(sign("{" + claims + "," + GRANTS + "}"));
    }
    List<String> reasons = List.copyOf(cases.values());
    // aud and iss are configured, so the library reads them too.
    JsonObject config = TestHub.config().put("auth", new JsonObject().put("publish", "required")
        .put("subscribe", "required").put("hs256Secret", SECRET).put("audience", "ssehub").put("issuer", "me"));
    TestHub.start(vertx, config).compose(hub -> {
      List<Future<Answer>> answers = new ArrayList<>();
      for (String token : tokens) {
        answers.add(send(vertx, hub, HttpMethod.GET, "/sse?topics=a", token));
        answers.add(send(vertx, hub, HttpMethod.POST, "/publish", token));
      }
      return Future.all(answers).map(all -> {
        test.verify(() -> {
          for (int i = 0; i < tokens.size(); i++) {
            for (int j = 0; j < 2; j++) {
              Answer answer = all.resultAt(2 * i + j);
              assertEquals(401, answer.status(), answer.body());
              assertEquals("Invalid token: " + reasons.get(i) + "\n", answer.body());
              assertEquals("Bearer realm=\"ssehub\", error=\"invalid_token\"", answer.header("WWW-Authenticate"));
            }
          }
        });
        return hub;
      });
    }).onComplete(test.succeedingThenComplete());
  }
}
