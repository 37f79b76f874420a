package io.ssehub.http;

import io.ssehub.event.Topic;
import io.ssehub.support.CountedVertxTest;
import io.ssehub.support.Eventually;
import io.ssehub.support.RawHttpSocket;
import io.ssehub.support.SseClient;
import io.ssehub.support.SseParser;
import io.ssehub.support.TestClients;
import io.ssehub.support.TestHub;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed and abusive traffic against one hub while a healthy subscriber runs alongside: every hostile request
 * gets its 4xx or its connection closed, the healthy subscriber receives every event in order with no gap, and
 * nothing is left behind.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class HostileInputTest extends CountedVertxTest {

  private static final String SECRET = "a-test-secret-of-more-than-32-bytes-0123456789";
  private static final int EVENTS = 150;
  private static final int MAX_CONNECTIONS = 20;
  private static final int FLOOD = 25;




  private static JsonObject config() {
    JsonObject config = TestHub.config()
        .put("sse", new JsonObject().put("heartbeatSeconds", 1).put("maxConnections", MAX_CONNECTIONS))
        .put("auth", new JsonObject().put("subscribe", "optional").put("hs256Secret", SECRET)
            .put("publicTopics", new JsonArray().add("healthy").add("open")));
    config.getJsonObject("http").put("maxRequestLineBytes", 2048).put("maxHeaderBytes", 4096)
        .put("idleTimeoutSeconds", 3);
    return config;
  }

  /** Sends raw bytes; completes with everything received once the server has closed the connection. */
  private Future<String> rawUntilClosed(TestHub hub, String bytes) {
    return RawHttpSocket.connect(vertx, hub.port(), false, 0)
        .compose(socket -> socket.send(bytes).compose(sent -> socket.closedByPeer()).map(v -> socket.received()));
  }

  /** Sends one request on a raw socket; completes with the answer's head and body, then closes. */
  private Future<String> rawAnswer(TestHub hub, String bytes, String lastLineOfBody) {
    return RawHttpSocket.connect(vertx, hub.port(), false, 0)
        .compose(socket -> socket.send(bytes).compose(sent -> socket.awaitText(lastLineOfBody))
            .map(v -> socket.received()).eventually(socket::close));
  }

  private Future<Integer> statusWithToken(TestHub hub, String token) {
    HttpClient client = TestClients.http(vertx, new HttpClientOptions());
    RequestOptions options = new RequestOptions().setHost("127.0.0.1").setPort(hub.port())
        .setURI("/sse?topics=private").putHeader("Authorization", "Bearer " + token);
    return client.request(options).compose(request -> request.send())
        .compose(response -> response.body().map(body -> response.statusCode()))
        .eventually(client::close);
  }

  private List<String> badTokens() {
    JWTAuth signer = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(
        new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(SECRET)));
    JWTAuth forger = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(
        new PubSecKeyOptions().setAlgorithm("HS256").setBuffer("not-the-secret-but-just-as-long-0123456789")));
    JsonObject claims = new JsonObject().put("ssehub", new JsonObject().put("subscribe", new JsonArray().add("*")));
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    String unsigned = url.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + url.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8)) + ".";
    return List.of(
        forger.generateToken(claims, new JWTOptions()),
        signer.generateToken(claims.copy().put("exp", System.currentTimeMillis() / 1000 - 60), new JWTOptions()),
        unsigned);
  }

  @Test
  void hostileTrafficIsRefusedWhileAHealthySubscriberMissesNothing(VertxTestContext test) {
    String tenThousandTopics = IntStream.range(0, 10_000).mapToObj(i -> "t" + i).collect(Collectors.joining(","));
    List<String> tokens = badTokens();
    TestHub.start(vertx, config()).compose(hub -> SseClient.connect(vertx, hub.port(), "/sse?topics=healthy")
        .compose(healthy -> {
          long[] published = {0};
          vertx.setPeriodic(20, id -> {
            if (published[0] == EVENTS) {
              vertx.cancelTimer(id);
              return;
            }
            published[0]++;
            hub.publisher().publish(Topic.of("healthy"), Long.toString(published[0]));
          });
          List<Future<SseClient>> flood = new ArrayList<>();
          for (int i = 0; i < FLOOD; i++) {
            flood.add(SseClient.connect(vertx, hub.port(), "/sse?topics=open"));
          }
          Future<List<String>> closedAnswers = Future.all(List.of(
              rawUntilClosed(hub, "\u0016\u0003\u0001\u0000garbage\r\n\r\n"),
              rawUntilClosed(hub, "GET /sse?topics=" + "x".repeat(3000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
              rawUntilClosed(hub, "GET /sse?topics=" + tenThousandTopics + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
              rawUntilClosed(hub, "GET /sse?topics=a HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "y".repeat(5000)
                  + "\r\n\r\n"),
              // Half a request, then silence: the idle timeout closes it, and nothing is answered.
              rawUntilClosed(hub, "GET /sse?topics=open HTTP/1.1\r\nHost: 127.0.0.1\r\n")))
              .map(all -> all.<String>list());
          Future<List<String>> keptAnswers = Future.all(List.of(
              rawAnswer(hub, "GET /sse?topics=a\u0000b HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", "(U+0000 found)\n"),
              rawAnswer(hub, "GET /sse?topics=a%00b HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", "(U+0000 found)\n"),
              rawAnswer(hub, "GET /sse?topics=%C3%28 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", "percent-encoded UTF-8)\n"),
              rawAnswer(hub, "GET /sse?topics=%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", "two hex digits\n")))
              .map(all -> all.<String>list());
          Future<List<Integer>> tokenStatuses = Future.all(tokens.stream().map(t -> statusWithToken(hub, t)).toList())
              .map(all -> all.<Integer>list());
          return Future.all(closedAnswers, keptAnswers, tokenStatuses, Future.all(flood))
              .compose(done -> healthy.awaitEvents(EVENTS))
              .map(events -> {
                test.verify(() -> {
                  List<String> closed = closedAnswers.result();
                  assertTrue(closed.get(0).startsWith("HTTP/1.0 400 "), closed.get(0));
                  assertTrue(closed.get(1).contains(" 414 ") && closed.get(1).endsWith("(http.maxRequestLineBytes):"
                      + " shorten the URL or its query\n"), closed.get(1));
                  assertTrue(closed.get(2).contains(" 414 "), "10,000 topics do not fit a request line");
                  assertTrue(closed.get(3).contains(" 431 ") && closed.get(3).endsWith("(http.maxHeaderBytes)\n"),
                      closed.get(3));
                  assertEquals("", closed.get(4), "a half request is closed without an answer");
                  for (String answer : keptAnswers.result()) {
                    assertTrue(answer.startsWith("HTTP/1.1 400 Bad Request\r\n"), answer);
                  }
                  assertEquals(List.of(401, 401, 401), tokenStatuses.result(), "forged, expired, unsigned");
                  Map<Integer, Long> statuses = flood.stream().collect(Collectors.groupingBy(
                      client -> client.result().response().statusCode(), Collectors.counting()));
                  assertEquals(Map.of(200, (long) MAX_CONNECTIONS - 1, 503, (long) (FLOOD - MAX_CONNECTIONS + 1)),
                      statuses, "the healthy subscriber holds one place of " + MAX_CONNECTIONS);
                  List<String> data = events.stream().map(SseParser.ParsedEvent::data).toList();
                  assertEquals(IntStream.rangeClosed(1, EVENTS).mapToObj(Long::toString).toList(), data,
                      "the healthy subscriber got every event, in order");
                });
                return events;
              })
              .compose(events -> Future.all(flood.stream().map(client -> client.result().close()).toList()))
              .compose(closedFlood -> Eventually.until(vertx, hub::stats,
                  stats -> stats.getInteger("connections") == 1, 5_000))
              .map(stats -> {
                test.verify(() -> {
                  assertEquals(new JsonObject().put("healthy", 1), stats.getJsonObject("subscriptions"));
                  assertEquals(Map.of("healthy", 1), consumers.topicConsumers());
                });
                return stats;
              })
              .compose(stats -> healthy.close())
              .compose(closedHealthy -> hub.statsAtRest(5_000))
              .map(stats -> {
                test.verify(() -> assertEquals(Map.of(), consumers.topicConsumers()));
                return stats;
              });
        }))
        .onComplete(test.succeedingThenComplete());
  }
}
