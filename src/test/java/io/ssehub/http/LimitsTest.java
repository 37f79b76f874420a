package io.ssehub.http;

import io.ssehub.support.CountedVertxTest;
import io.ssehub.support.Eventually;
import io.ssehub.support.ManualClock;
import io.ssehub.support.RawHttpSocket;
import io.ssehub.support.SseClient;
import io.ssehub.support.TestHub;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The connection, rate and size limits over real HTTP: each refusal has its status, Retry-After where it applies,
 * and a message naming the limit, and a refused stream never registers a consumer.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class LimitsTest extends CountedVertxTest {




  private static void assertRefused(HttpClientResponse response, String body, int status, String message) {
    assertEquals(status, response.statusCode());
    assertEquals("text/plain; charset=utf-8", response.getHeader("Content-Type"));
    assertEquals(message + "\n", body);
  }

  @Test
  void aStreamPastMaxConnectionsGets503BeforeSubscribingAndTheNextOneFitsAgain(VertxTestContext test) {
    JsonObject config = TestHub.config().put("sse", new JsonObject().put("maxConnections", 2).put("retryMillis", 2500));
    TestHub.start(vertx, config).compose(hub -> Future.all(
            SseClient.connect(vertx, hub.port(), "/sse?topics=kept"),
            SseClient.connect(vertx, hub.port(), "/sse?topics=kept"))
        .compose(open -> SseClient.connect(vertx, hub.port(), "/sse?topics=refused")
            .compose(third -> third.response().body().map(body -> {
              test.verify(() -> {
                assertRefused(third.response(), body.toString(), 503, "Too many connections: the server holds its"
                    + " limit of 2 streams (sse.maxConnections); retry later");
                assertEquals("3", third.response().getHeader("Retry-After"), "the clients' retry, rounded up");
                assertEquals(Map.of("kept", 2), consumers.topicConsumers(), "nothing subscribed for the refused");
                assertEquals(2, hub.registry().connections());
              });
              return open.<SseClient>resultAt(0);
            }))
            .compose(first -> first.close())
            .compose(closed -> Eventually.until(vertx, hub::stats,
                stats -> stats.getInteger("connections") == 1, 2_000))
            .compose(x -> SseClient.connect(vertx, hub.port(), "/sse?topics=again"))
            .map(fourth -> {
              test.verify(() -> {
                assertEquals(200, fourth.response().statusCode(), "a released place is free again");
                assertEquals(2, hub.registry().connections());
              });
              return fourth;
            })))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void aStreamPastMaxConnectionsPerIpGets429WhileOtherAddressesAreServed(VertxTestContext test) {
    JsonObject config = TestHub.config().put("sse", new JsonObject().put("maxConnectionsPerIp", 1));
    TestHub.start(vertx, config).compose(hub -> SseClient.connectFrom(vertx, hub.port(), "/sse?topics=a", "127.0.0.1")
        .compose(first -> SseClient.connectFrom(vertx, hub.port(), "/sse?topics=b", "127.0.0.1"))
        .compose(second -> second.response().body().map(body -> {
          test.verify(() -> {
            assertRefused(second.response(), body.toString(), 429,
                "Too many connections from 127.0.0.1: at most 1 streams per client address (sse.maxConnectionsPerIp)");
            assertEquals("2", second.response().getHeader("Retry-After"));
            assertEquals(Map.of("a", 1), consumers.topicConsumers());
          });
          return second;
        }))
        .compose(x -> SseClient.connectFrom(vertx, hub.port(), "/sse?topics=c", "127.0.0.2"))
        .map(other -> {
          test.verify(() -> {
            assertEquals(200, other.response().statusCode(), "another address has its own allowance");
            assertEquals(Map.of("a", 1, "c", 1), consumers.topicConsumers());
          });
          return other;
        }))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void publishRequestsPastTheRatePerIpGet429UntilTheBucketRefills(VertxTestContext test) {
    ManualClock clock = new ManualClock();
    JsonObject config = TestHub.config().put("publish", new JsonObject().put("maxRequestsPerSecondPerIp", 2));
    String refused = "Too many publish requests from 127.0.0.1: at most 2 per second"
        + " (publish.maxRequestsPerSecondPerIp)";
    TestHub.start(vertx, config, clock).compose(hub -> hub.publishForm("topic=t&data=1")
        .compose(first -> hub.publishForm("topic=t&data=2"))
        .compose(second -> hub.publishForm("topic=t&data=3"))
        .map(third -> {
          test.verify(() -> {
            assertRefused(third.response(), third.body(), 429, refused);
            assertEquals("1", third.header("Retry-After"));
          });
          clock.advanceMillis(500);
          return third;
        })
        .compose(x -> hub.publishForm("topic=t&data=4"))
        .compose(fourth -> {
          test.verify(() -> assertEquals(200, fourth.status(), "half a second earns one request back"));
          return hub.publishForm("topic=t&data=5");
        })
        .compose(fifth -> hub.stats().map(stats -> {
          test.verify(() -> {
            assertEquals(429, fifth.status());
            assertEquals(3, stats.getLong("publishedTotal"), "refused requests published nothing");
          });
          return stats;
        })))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void aRequestLinePastItsLimitGets414AndTheConnectionCloses(VertxTestContext test) {
    JsonObject config = TestHub.config();
    config.getJsonObject("http").put("maxRequestLineBytes", 512);
    String request = "GET /sse?topics=" + "a".repeat(600) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    rawExchange(config, request, 414,
        "The request line is longer than 512 bytes (http.maxRequestLineBytes): shorten the URL or its query", test);
  }

  @Test
  void headersPastTheirLimitGet431AndTheConnectionCloses(VertxTestContext test) {
    JsonObject config = TestHub.config();
    config.getJsonObject("http").put("maxHeaderBytes", 1024);
    String request = "GET /sse?topics=a HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: " + "b".repeat(2000) + "\r\n\r\n";
    rawExchange(config, request, 431, "The request headers are larger than 1024 bytes (http.maxHeaderBytes)", test);
  }

  @Test
  void bytesThatAreNotHttpGet400AndTheConnectionCloses(VertxTestContext test) {
    rawExchange(TestHub.config(), "this is not http\r\n\r\n", 400,
        "Malformed HTTP request: \"invalid version format: NOT HTTP\"", test);
  }

  @Test
  void anUnsupportedHttpVersionGets400InHttp11(VertxTestContext test) {
    rawExchange(TestHub.config(), "GET /health HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n", 400,
        "Malformed HTTP request: unsupported protocol version \"HTTP/9.9\": this server speaks HTTP/1.1 and HTTP/1.0",
        test);
  }

  /** Pipelined behind a request still being answered, the refusal waits its turn. */
  @Test
  void anUnsupportedVersionIsAnsweredInItsTurn(VertxTestContext test) {
    TestHub.start(vertx, TestHub.config()).compose(hub -> RawHttpSocket.connect(vertx, hub.port(), false, 0)
            .compose(socket -> socket.send("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    + "GET /health/live HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n")
                .compose(sent -> socket.closedByPeer()).map(closed -> socket.received())))
        .onComplete(test.succeeding(received -> test.verify(() -> {
          assertTrue(received.matches("(?s)HTTP/1\\.1 200 OK\r\n.*\"UP\"}HTTP/1\\.1 400 Bad Request\r\n.*"), received);
          assertTrue(received.endsWith("unsupported protocol version \"HTTP/9.9\": this server speaks HTTP/1.1 and"
              + " HTTP/1.0\n"), received);
          test.completeNow();
        })));
  }

  @Test
  void theHttp2PrefaceGets400WhileH2cIsOff(VertxTestContext test) {
    rawExchange(TestHub.config(), "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 400,
        "Malformed HTTP request: unsupported protocol version \"HTTP/2.0\": this server speaks HTTP/1.1 and HTTP/1.0"
            + " here (cleartext HTTP/2 needs http.h2c: true; with TLS it is offered through ALPN)", test);
  }

  @Test
  void aClientTricklingItsRequestHeadIsClosedWhileAPromptStreamStays(VertxTestContext test) {
    JsonObject config = TestHub.config();
    config.getJsonObject("http").put("requestHeadTimeoutSeconds", 1);
    String head = "GET /sse?topics=slow HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + "p".repeat(40) + "\r\n\r\n";
    TestHub.start(vertx, config).compose(hub -> SseClient.connect(vertx, hub.port(), "/sse?topics=prompt")
        .compose(prompt -> RawHttpSocket.connect(vertx, hub.port(), false, 0).compose(slow -> {
          // One byte every 100 ms: the whole head would take 7 s, and every byte resets the idle timeout.
          int[] sent = {0};
          long trickle = vertx.setPeriodic(100, id -> {
            if (sent[0] < head.length()) {
              slow.send(head.substring(sent[0], sent[0] + 1));
              sent[0]++;
            }
          });
          return slow.closedByPeer().map(closed -> {
            vertx.cancelTimer(trickle);
            test.verify(() -> {
              assertTrue(sent[0] < head.length(), "closed before the head was complete (" + sent[0] + " bytes)");
              assertEquals("", slow.received(), "nothing is answered to half a head");
            });
            return prompt;
          });
        }))
        .compose(prompt -> hub.stats().map(stats -> {
          test.verify(() -> {
            assertEquals(1, stats.getInteger("connections"), "the prompt stream outlives the head timeout");
            assertEquals(new JsonObject().put("prompt", 1), stats.getJsonObject("subscriptions"));
          });
          return prompt;
        })))
        .onComplete(test.succeedingThenComplete());
  }

  /** Sends raw bytes, expects one plain-text refusal and the server closing the connection, and nothing left open. */
  private void rawExchange(JsonObject config, String request, int status, String message, VertxTestContext test) {
    TestHub.start(vertx, config).compose(hub -> RawHttpSocket.connect(vertx, hub.port(), false, 0)
        .compose(socket -> socket.send(request).compose(sent -> socket.closedByPeer()).map(socket))
        .compose(socket -> hub.stats().map(stats -> {
          test.verify(() -> {
            String received = socket.received();
            // HTTP/1.0 when the decoder gave up before it could read the request's version.
            assertTrue(received.matches("(?s)HTTP/1\\.[01] " + status + " .*"), received);
            assertTrue(received.contains("\r\ncontent-type: text/plain; charset=utf-8\r\n"), received);
            assertTrue(received.endsWith("\r\n\r\n" + message + "\n"), received);
            assertEquals(0, stats.getInteger("connections"));
            assertEquals(Map.of(), consumers.topicConsumers());
          });
          return stats;
        })))
        .onComplete(test.succeedingThenComplete());
  }
}
