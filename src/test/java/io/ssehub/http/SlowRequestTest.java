package io.ssehub.http;

import io.ssehub.support.CountedVertxTest;
import io.ssehub.support.Eventually;
import io.ssehub.support.RawHttpSocket;
import io.ssehub.support.SseClient;
import io.ssehub.support.TestHub;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Slowloris after the first head: a body trickled a byte at a time, or a second head trickled on a kept-alive
 * connection, is cut at its timeout (1 s here), although every byte resets the idle timeout (an hour). A live stream
 * and a kept-alive connection idle between requests outlive both timeouts.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class SlowRequestTest extends CountedVertxTest {

  private static final long TRICKLE_MILLIS = 200;
  /** Longer than both timeouts (1 s each) with room to spare. */
  private static final long OUTLIVE_MILLIS = 2_500;

  private static JsonObject config() {
    JsonObject config = TestHub.config().put("sse", new JsonObject().put("heartbeatSeconds", 0));
    config.getJsonObject("http").put("requestHeadTimeoutSeconds", 1).put("requestBodyTimeoutSeconds", 1);
    return config;
  }

  /** Sends {@code text} a byte every {@link #TRICKLE_MILLIS}; completes with how many were sent once the hub closes. */
  private Future<Integer> trickleUntilClosed(RawHttpSocket socket, String text) {
    int[] sent = {0};
    long timer = vertx.setPeriodic(TRICKLE_MILLIS, id -> {
      if (sent[0] < text.length()) {
        socket.send(text.substring(sent[0], sent[0] + 1));
        sent[0]++;
      }
    });
    return socket.closedByPeer().map(closed -> {
      vertx.cancelTimer(timer);
      return sent[0];
    });
  }

  private Future<Void> after(long millis) {
    Promise<Void> elapsed = Promise.promise();
    vertx.setTimer(millis, id -> elapsed.complete());
    return elapsed.future();
  }

  @Test
  void aTrickledPublishBodyIsCut(VertxTestContext test) {
    String body = "topic=a&data=" + "x".repeat(200);
    String head = "POST /publish HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        + "Content-Length: " + body.length() + "\r\n\r\n";
    TestHub.start(vertx, config()).compose(hub -> RawHttpSocket.connect(vertx, hub.port(), false, 0)
            .compose(slow -> slow.send(head).compose(sent -> trickleUntilClosed(slow, body)).map(sent -> {
              test.verify(() -> {
                assertTrue(sent < body.length(), "cut before the body was complete (" + sent + " bytes)");
                assertTrue(sent <= 1_000 / TRICKLE_MILLIS + 3, "cut about the timeout (" + sent + " bytes)");
                assertEquals("", slow.received(), "nothing is answered to half a request");
              });
              return hub;
            })))
        .compose(TestHub::stats)
        .onComplete(test.succeeding(stats -> test.verify(() -> {
          assertEquals(0L, stats.getLong("publishedTotal"));
          test.completeNow();
        })));
  }

  @Test
  void aSecondHeadTrickledOnAKeptAliveConnectionIsCut(VertxTestContext test) {
    String first = "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    String second = "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + "p".repeat(40) + "\r\n\r\n";
    TestHub.start(vertx, config()).compose(hub -> RawHttpSocket.connect(vertx, hub.port(), false, 0)
            .compose(slow -> slow.send(first).compose(sent -> slow.awaitText("\r\n\r\n"))
                .compose(answered -> trickleUntilClosed(slow, second)).map(sent -> {
                  test.verify(() -> {
                    assertTrue(sent < second.length(), "cut before the head was complete (" + sent + " bytes)");
                    assertTrue(slow.received().startsWith("HTTP/1.1 200 OK\r\n"), slow.received());
                    assertEquals(1, slow.received().split("HTTP/1.1 ").length - 1, "the first request only");
                  });
                  return sent;
                })))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void aLiveStreamAndAnIdleKeptAliveConnectionOutliveTheTimeouts(VertxTestContext test) {
    String request = "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    TestHub.start(vertx, config()).compose(hub -> SseClient.connect(vertx, hub.port(), "/sse?topics=a")
            .compose(stream -> RawHttpSocket.connect(vertx, hub.port(), false, 0)
                .compose(idle -> idle.send(request).compose(sent -> idle.awaitText("\r\n\r\n"))
                    // Blank lines between requests are allowed (RFC 9112) and begin no head.
                    .compose(answered -> idle.send("\r\n"))
                    .compose(answered -> after(OUTLIVE_MILLIS))
                    .compose(waited -> hub.publishForm("topic=a&data=later"))
                    .compose(published -> stream.awaitEvents(1))
                    .compose(events -> idle.send(request))
                    // The same connection answers again: two answers on it, and the hub never closed it.
                    .compose(sent -> Eventually.until(vertx, () -> Future.succeededFuture(idle.received()),
                        received -> received.split("HTTP/1\\.1 200 OK\r\n", -1).length == 3, 5_000))
                    .map(received -> stream))
                .compose(SseClient::close)))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void aRefusalBefore100ContinueClosesTheConnectionAtOnce(VertxTestContext test) {
    String head = "POST /publish HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n"
        + "Expect: 100-continue\r\n\r\n";
    JsonObject config = config();
    // A body timeout far beyond the test's: only the refusal itself may close the connection.
    config.getJsonObject("http").put("requestBodyTimeoutSeconds", 600);
    TestHub.start(vertx, config).compose(hub -> RawHttpSocket.connect(vertx, hub.port(), false, 0)
            .compose(socket -> socket.send(head).compose(sent -> socket.closedByPeer()).map(closed -> socket)))
        .onComplete(test.succeeding(socket -> test.verify(() -> {
          assertTrue(socket.received().startsWith("HTTP/1.1 415 Unsupported Media Type\r\n"), socket.received());
          assertTrue(!socket.received().contains("100 Continue"), socket.received());
          test.completeNow();
        })));
  }
}
