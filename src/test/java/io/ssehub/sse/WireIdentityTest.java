package io.ssehub.sse;

import io.ssehub.config.IoTransport;
import io.ssehub.event.Topic;
import io.ssehub.publish.PublishRequest;
import io.ssehub.support.RawHttpSocket;
import io.ssehub.support.TestHub;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.core.transport.Transport;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The bytes on the wire, chunk framing included, over HTTP/1.1 in clear and over TLS: every event shape (plain,
 * multi-line with each kind of line break, typed, with retry, named after its topic), the replay signal and the
 * heartbeat, each exactly the frame the protocol defines inside exactly one HTTP/1.1 chunk, as the response path
 * wrote them before streams wrote below the HTTP encoder; on each I/O transport ({@code http.transport}).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class WireIdentityTest {

  private static final boolean LINUX_X86_64 = System.getProperty("os.name").equals("Linux")
      && System.getProperty("os.arch").equals("amd64");

  /** The publishes, and the frame each must be on a plain stream and on one that names events by topic. */
  private static final List<PublishRequest> EVENTS = List.of(
      new PublishRequest(List.of(Topic.of("w")), "plain", "w1", null, null),
      new PublishRequest(List.of(Topic.of("w")), "a\r\nb\rc\nd", "w2", null, null),
      new PublishRequest(List.of(Topic.of("w")), "typed", "w3", "note", null),
      new PublishRequest(List.of(Topic.of("w")), "again", "w4", null, 1500L),
      new PublishRequest(List.of(Topic.of("w")), "", "w5", null, null),
      new PublishRequest(List.of(Topic.of("w")), "héllo ✓", "w6", null, null));
  private static final List<String> PLAIN = List.of(
      "id: w1\ndata: plain\n\n",
      "id: w2\ndata: a\ndata: b\ndata: c\ndata: d\n\n",
      "id: w3\nevent: note\ndata: typed\n\n",
      "id: w4\nretry: 1500\ndata: again\n\n",
      "id: w5\ndata: \n\n",
      "id: w6\ndata: héllo ✓\n\n");
  private static final List<String> NAMED = List.of(
      "id: w1\nevent: w\ndata: plain\n\n",
      "id: w2\nevent: w\ndata: a\ndata: b\ndata: c\ndata: d\n\n",
      "id: w3\nevent: note\ndata: typed\n\n",
      "id: w4\nevent: w\nretry: 1500\ndata: again\n\n",
      "id: w5\nevent: w\ndata: \n\n",
      "id: w6\nevent: w\ndata: héllo ✓\n\n");
  private static final String OPENING = "retry: 2000\n\n";
  private static final String HEARTBEAT = ": heartbeat\n\n";

  /** One HTTP/1.1 chunk holding {@code frame}, as the socket carries it (one char per byte). */
  private static String chunk(String frame) {
    byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
    return Integer.toHexString(bytes.length) + "\r\n" + new String(bytes, StandardCharsets.ISO_8859_1) + "\r\n";
  }

  private static String chunks(List<String> frames) {
    StringBuilder out = new StringBuilder();
    frames.forEach(frame -> out.append(chunk(frame)));
    return out.toString();
  }

  private static Future<RawHttpSocket> open(Vertx vertx, TestHub hub, boolean tls, String request) {
    return (tls ? RawHttpSocket.connectTls(vertx, hub.port()) : RawHttpSocket.connect(vertx, hub.port(), false, 0))
        .compose(socket -> socket.send(request).compose(sent -> socket.awaitText(chunk(OPENING))).map(socket));
  }

  /** The body of a chunked response, after its head. */
  private static String body(RawHttpSocket socket) {
    String received = socket.received();
    return received.substring(received.indexOf("\r\n\r\n") + 4);
  }

  /** Every I/O transport the hub can run on, in clear and over TLS. */
  static Stream<Arguments> transportsAndTls() {
    return Stream.of(IoTransport.NIO, IoTransport.EPOLL, IoTransport.IO_URING)
        .flatMap(transport -> Stream.of(Arguments.of(transport, false), Arguments.of(transport, true)));
  }

  @ParameterizedTest(name = "{0}, TLS {1}")
  @MethodSource("transportsAndTls")
  void everyFrameIsExactlyOneChunkOfTheExpectedBytes(IoTransport choice, boolean tls, VertxTestContext test) {
    Transport transport = choice.resolve();
    if (choice == IoTransport.EPOLL && LINUX_X86_64) {
      // The jar ships epoll for this platform: it must load, or http.transport's default falls back to NIO unseen.
      assertTrue(transport.available(), () -> "epoll: " + transport.unavailabilityCause());
    }
    // io_uring may be refused by the kernel or a container's seccomp profile; then the hub runs on epoll.
    assumeTrue(transport.available(), () -> choice + " cannot run here: " + transport.unavailabilityCause());
    Vertx vertx = Vertx.builder().withTransport(transport).build();
    JsonObject config = TestHub.config().put("sse", new JsonObject().put("heartbeatSeconds", 1));
    config.getJsonObject("http").put("idleTimeoutSeconds", 3);
    if (tls) {
      SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
      config.getJsonObject("http").put("http2", false).put("tls", new JsonObject()
          .put("certPath", certificate.certificatePath()).put("keyPath", certificate.privateKeyPath()));
    }
    String head = " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    TestHub.start(vertx, config).compose(hub -> Future.all(
            open(vertx, hub, tls, "GET /sse?topics=w" + head),
            open(vertx, hub, tls, "GET /sse?topics=w&eventNames=topic" + head))
        .compose(streams -> {
          EVENTS.forEach(hub.publisher()::publish);
          RawHttpSocket plain = streams.resultAt(0);
          RawHttpSocket named = streams.resultAt(1);
          return Future.all(plain.awaitText(chunk(PLAIN.get(PLAIN.size() - 1))),
                  named.awaitText(chunk(NAMED.get(NAMED.size() - 1))))
              .map(received -> {
                test.verify(() -> {
                  assertTrue(plain.received().startsWith("HTTP/1.1 200 OK\r\n"), plain.received());
                  assertTrue(plain.received().contains("\r\ntransfer-encoding: chunked\r\n"), plain.received());
                  assertEquals(chunk(OPENING) + chunks(PLAIN), body(plain).replace(chunk(HEARTBEAT), ""));
                  assertEquals(chunk(OPENING) + chunks(NAMED), body(named).replace(chunk(HEARTBEAT), ""));
                });
                return streams;
              })
              // A heartbeat is one chunk too.
              .compose(checked -> plain.awaitText(chunk(PLAIN.get(PLAIN.size() - 1)) + chunk(HEARTBEAT)))
              // Resuming after w2: the events after it, then the replay signal, then nothing but heartbeats.
              .compose(beat -> open(vertx, hub, tls, "GET /sse?topics=w" + head.replace("\r\n\r\n",
                  "\r\nLast-Event-ID: w2\r\n\r\n")))
              .compose(resumed -> {
                String signal = "event: ssehub-replay\ndata: {\"lastEventId\":\"w2\",\"replayed\":4,\"complete\":true}"
                    + "\n\n";
                return resumed.awaitText(chunk(signal)).map(done -> {
                  test.verify(() -> assertEquals(chunk(OPENING) + chunks(PLAIN.subList(2, PLAIN.size()))
                      + chunk(signal), body(resumed).replace(chunk(HEARTBEAT), "")));
                  return resumed;
                });
              });
        }))
        .onComplete(result -> {
          // This Vert.x is the test's own (on the transport under test): closed here, once the outcome is known.
          vertx.close();
          if (result.succeeded()) {
            test.completeNow();
          } else {
            test.failNow(result.cause());
          }
        });
  }
}
