package io.ssehub.http;

import io.ssehub.support.CountedVertxTest;
import io.ssehub.support.RawHttpSocket;
import io.ssehub.support.TestHub;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DNS rebinding: a page on a name that resolves to the hub sends that name as {@code Host} and as its
 * {@code Origin}. Such requests get 421 on every route, publish nothing and subscribe nothing; the hub's own names
 * (IP addresses, localhost, {@code http.allowedHosts}) pass.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class HostCheckTest extends CountedVertxTest {

  private static final String REFUSED = "421 Misdirected Request";

  private static JsonObject config(String... allowedHosts) {
    JsonObject config = TestHub.config();
    config.getJsonObject("http").put("allowedHosts", new JsonArray(List.of(allowedHosts)));
    return config;
  }

  /** Sends one raw request (with Connection: close) and completes with the whole answer once the hub closes. */
  private Future<String> raw(TestHub hub, String request) {
    return RawHttpSocket.connect(vertx, hub.port(), false, 0)
        .compose(socket -> socket.send(request).compose(sent -> socket.closedByPeer())
            .map(v -> socket.received()).eventually(socket::close));
  }

  private Future<String> get(TestHub hub, String path, String host) {
    return raw(hub, "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nOrigin: http://" + host + "\r\n"
        + "Connection: close\r\n\r\n");
  }

  private static String status(String answer) {
    return answer.substring("HTTP/1.1 ".length(), answer.indexOf("\r\n"));
  }

  @Test
  void aRebindingNameCanNeitherPublishNorSubscribe(VertxTestContext test) {
    String form = "topic=a&data=x";
    String publish = "POST /publish HTTP/1.1\r\nHost: evil.example:8080\r\nOrigin: http://evil.example:8080\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length() + "\r\n"
        + "Connection: close\r\n\r\n" + form;
    TestHub.start(vertx, config()).compose(hub -> raw(hub, publish)
            .compose(published -> get(hub, "/sse?topics=a", "evil.example:8080").map(subscribed -> List.of(published,
                subscribed)))
            .compose(answers -> hub.stats().map(stats -> {
              test.verify(() -> {
                for (String answer : answers) {
                  assertEquals(REFUSED, status(answer), answer);
                  assertTrue(answer.endsWith("\r\n\r\nHost \"evil.example:8080\" is not a name of this hub: if it"
                      + " is, add it to http.allowedHosts (requests through other names are refused, as DNS"
                      + " rebinding would"
                      + " send them)\n"), answer);
                }
                assertEquals(0L, stats.getLong("publishedTotal"), "nothing was published");
                assertEquals(Set.of(), consumers.topicsEverSubscribed(), "nothing was subscribed");
              });
              return stats;
            })))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void theHubsOwnNamesPassAndOthersAreRefusedOnEveryRoute(VertxTestContext test) {
    List<String> allowed = List.of("127.0.0.1:1", "[::1]:8080", "10.1.2.3", "localhost:8080", "LocalHost.",
        "app.localhost", "hub.example", "HUB.example:443", "a.example.org", "b.a.example.org");
    List<String> refused = List.of("evil.example", "example.org", "localhost.evil.example", "127.0.0.1.nip.io",
        "hub.example.evil");
    TestHub.start(vertx, config("hub.example", "*.example.org")).compose(hub -> Future.all(
            Future.all(allowed.stream().map(host -> get(hub, "/health/live", host)).toList()),
            Future.all(refused.stream().map(host -> get(hub, "/", host)).toList())))
        .onComplete(test.succeeding(all -> test.verify(() -> {
          List<String> passed = all.<io.vertx.core.CompositeFuture>resultAt(0).list();
          List<String> stopped = all.<io.vertx.core.CompositeFuture>resultAt(1).list();
          for (int i = 0; i < allowed.size(); i++) {
            assertEquals("200 OK", status(passed.get(i)), allowed.get(i));
          }
          for (int i = 0; i < refused.size(); i++) {
            assertEquals(REFUSED, status(stopped.get(i)), refused.get(i));
          }
          test.completeNow();
        })));
  }

  @Test
  void aStarTurnsTheCheckOff(VertxTestContext test) {
    TestHub.start(vertx, config("*")).compose(hub -> get(hub, "/health/live", "evil.example"))
        .onComplete(test.succeeding(answer -> test.verify(() -> {
          assertEquals("200 OK", status(answer), answer);
          test.completeNow();
        })));
  }
}
