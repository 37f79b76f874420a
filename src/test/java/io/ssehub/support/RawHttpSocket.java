package io.ssehub.support;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;

import java.nio.charset.StandardCharsets;

/**
 * A bare TCP connection speaking HTTP/1.1 by hand, for what an HTTP client hides: an abrupt close (RST, through
 * SO_LINGER 0), a client that stops reading, and the exact bytes on the wire, chunk framing included.
 */
public final class RawHttpSocket {

  private final NetClient client;
  private final NetSocket socket;
  private final StringBuilder received = new StringBuilder();
  private final Promise<Void> closed = Promise.promise();
  private String awaited;
  private Promise<Void> awaitedPromise;

  private RawHttpSocket(NetClient client, NetSocket socket) {
    this.client = client;
    this.socket = socket;
    socket.handler(buffer -> {
      received.append(buffer.toString(StandardCharsets.ISO_8859_1));
      check();
    });
    socket.closeHandler(v -> closed.tryComplete());
  }

  /**
   * Connects and sends {@code GET path}.
   *
   * @param abortive  close with a TCP reset instead of a FIN
   * @param rcvBuffer the socket's receive buffer in bytes, or 0 for the system default
   */
  public static Future<RawHttpSocket> get(Vertx vertx, int port, String path, boolean abortive, int rcvBuffer) {
    return connect(vertx, port, abortive, rcvBuffer)
        .compose(raw -> raw.send("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").map(raw));
  }

  /** Connects without sending anything. */
  public static Future<RawHttpSocket> connect(Vertx vertx, int port, boolean abortive, int rcvBuffer) {
    NetClientOptions options = new NetClientOptions();
    if (abortive) {
      options.setSoLinger(0);
    }
    if (rcvBuffer > 0) {
      options.setReceiveBufferSize(rcvBuffer);
    }
    NetClient client = TestClients.net(vertx, options);
    return client.connect(port, "127.0.0.1").map(socket -> new RawHttpSocket(client, socket));
  }

  /** Connects over TLS (trusting any certificate, as a test's self-signed one), without sending anything. */
  public static Future<RawHttpSocket> connectTls(Vertx vertx, int port) {
    NetClient client = TestClients.net(vertx, new NetClientOptions().setSsl(true).setTrustAll(true)
        .setHostnameVerificationAlgorithm(""));
    return client.connect(port, "127.0.0.1").map(socket -> new RawHttpSocket(client, socket));
  }

  /** Sends raw bytes, such as several pipelined requests at once. */
  public Future<Void> send(String text) {
    return socket.write(text);
  }

  /** Sends text one byte per char (ISO-8859-1), so a test can send bytes that are not UTF-8: {@code "\u00ff"}. */
  public Future<Void> sendLatin1(String text) {
    return socket.write(Buffer.buffer(text.getBytes(StandardCharsets.ISO_8859_1)));
  }

  /** Completes once the bytes received so far contain {@code fragment}. */
  public Future<Void> awaitText(String fragment) {
    Promise<Void> promise = Promise.promise();
    awaited = fragment;
    awaitedPromise = promise;
    check();
    return promise.future();
  }

  /** Everything received, headers and chunk framing included (as ISO-8859-1, byte for char). */
  public String received() {
    return received.toString();
  }

  /** Stops reading from the socket: the kernel buffers fill and the server's writes back up. */
  public void stopReading() {
    socket.pause();
  }

  /** Reads again after {@link #stopReading()}; a close by the server is only seen once reading resumes. */
  public void resumeReading() {
    socket.resume();
  }

  /** Closes the socket (a FIN, or a RST when opened as abortive). */
  public Future<Void> close() {
    return socket.close().eventually(client::close);
  }

  /** Completes when the server has closed the connection. */
  public Future<Void> closedByPeer() {
    return closed.future();
  }

  private void check() {
    if (awaitedPromise != null && received.indexOf(awaited) >= 0) {
      Promise<Void> promise = awaitedPromise;
      awaitedPromise = null;
      promise.complete();
    }
  }
}
