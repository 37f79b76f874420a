package io.ssehub.http;

import io.ssehub.support.TestClients;
import io.ssehub.support.TestHub;
import io.ssehub.support.TestHub.Answer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Cross-origin use over real HTTP: same origin only by default, listed origins with credentials, and preflights. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class CorsTest {

  private static final String APP = "https://app.example";

  private static Future<Answer> send(Vertx vertx, TestHub hub, HttpMethod method, String uri,
                                     Map<String, String> headers, String body) {
    HttpClient client = TestClients.http(vertx, new HttpClientOptions());
    RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(hub.port())
        .setURI(uri);
    headers.forEach(options::putHeader);
    return client.request(options)
        .compose(request -> body == null ? request.send() : request.send(body))
        .compose(response -> {
          if (uri.startsWith("/sse") && response.statusCode() == 200) {
            // Only the head matters here; the stream would keep the client (and the test's Vert.x) busy.
            return response.request().connection().close().map(new Answer(response, ""));
          }
          return response.body().map(text -> new Answer(response, text.toString()));
        });
  }

  private static JsonObject config(String... origins) {
    JsonObject config = TestHub.config();
    config.getJsonObject("http").put("cors", new JsonObject().put("allowedOrigins", new JsonArray(List.of(origins))));
    return config;
  }

  @Test
  void byDefaultOnlyTheHubsOwnOriginIsServed(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx).compose(hub -> Future.all(
            send(vertx, hub, HttpMethod.GET, "/sse?topics=a", Map.of("Origin", "https://evil.example"), null),
            send(vertx, hub, HttpMethod.POST, "/publish", Map.of("Origin", "https://evil.example",
                "Content-Type", "application/x-www-form-urlencoded"), "topic=a&data=x"),
            send(vertx, hub, HttpMethod.POST, "/publish", Map.of("Origin", "http://127.0.0.1:" + hub.port(),
                "Host", "127.0.0.1:" + hub.port(), "Content-Type", "application/x-www-form-urlencoded"),
                "topic=a&data=x"),
            send(vertx, hub, HttpMethod.GET, "/sse?topics=a", Map.of(), null))
        .map(all -> {
          test.verify(() -> {
            Answer foreignStream = all.resultAt(0);
            assertEquals(403, foreignStream.status());
            assertEquals("Origin \"https://evil.example\" is not allowed: add it to http.cors.allowedOrigins\n",
                foreignStream.body());
            assertEquals(403, all.<Answer>resultAt(1).status(), "a foreign page cannot make the hub publish");
            assertEquals(200, all.<Answer>resultAt(2).status(), "the hub's own pages can");
            Answer plain = all.resultAt(3);
            assertEquals(200, plain.status());
            assertNull(plain.header("Access-Control-Allow-Origin"));
          });
          return all;
        })
        .compose(all -> hub.stats())
        .map(stats -> {
          test.verify(() -> assertEquals(1, stats.getLong("publishedTotal")));
          return stats;
        }))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void listedOriginsGetCredentialsAndPreflights(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx, config(APP, "http://127.0.0.1:3000")).compose(hub -> Future.all(
            send(vertx, hub, HttpMethod.GET, "/sse?topics=a", Map.of("Origin", APP), null),
            send(vertx, hub, HttpMethod.OPTIONS, "/publish", Map.of("Origin", APP,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization"), null),
            send(vertx, hub, HttpMethod.POST, "/publish", Map.of("Origin", APP,
                "Content-Type", "application/x-www-form-urlencoded"), "topic=a&data=x"),
            send(vertx, hub, HttpMethod.GET, "/sse?topics=a", Map.of("Origin", "https://other.example"), null))
        .map(all -> {
          test.verify(() -> {
            Answer stream = all.resultAt(0);
            assertEquals(200, stream.status());
            assertEquals(APP, stream.header("Access-Control-Allow-Origin"));
            assertEquals("true", stream.header("Access-Control-Allow-Credentials"));
            assertEquals("Origin", stream.header("Vary"));
            assertEquals("Last-Event-ID, Mercure-Last-Event-ID, Link", stream.header("Access-Control-Expose-Headers"));
            Answer preflight = all.resultAt(1);
            assertEquals(204, preflight.status());
            assertEquals(APP, preflight.header("Access-Control-Allow-Origin"));
            assertEquals("GET, POST", preflight.header("Access-Control-Allow-Methods"));
            assertEquals("Authorization, Content-Type, Last-Event-ID",
                preflight.header("Access-Control-Allow-Headers"));
            assertEquals("600", preflight.header("Access-Control-Max-Age"));
            Answer publish = all.resultAt(2);
            assertEquals(200, publish.status(), publish.body());
            assertEquals(APP, publish.header("Access-Control-Allow-Origin"));
            assertEquals(403, all.<Answer>resultAt(3).status());
          });
          return all;
        }))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void anyOriginGetsAStarWithoutCredentials(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx, config("*"))
        .compose(hub -> send(vertx, hub, HttpMethod.GET, "/sse?topics=a", Map.of("Origin", "https://any.example"), null))
        .map(answer -> {
          test.verify(() -> {
            assertEquals(200, answer.status());
            assertEquals("*", answer.header("Access-Control-Allow-Origin"));
            assertNull(answer.header("Access-Control-Allow-Credentials"));
          });
          return answer;
        })
        .onComplete(test.succeedingThenComplete());
  }
}
