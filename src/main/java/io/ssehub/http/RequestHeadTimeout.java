package io.ssehub.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * A client must send its first request head within {@code http.requestHeadTimeoutSeconds} of connecting: a client that
 * trickles its head a byte at a time (slowloris) is closed, which the idle timeout, reset by every byte, would never
 * do. Later requests on a kept-alive connection are left to the idle timeout, so that a client reusing a quiet
 * connection is not cut in the middle of sending; an attacker gains nothing there that a new connection would not
 * give. One per HTTP verticle, on its event loop; it knows only the HTTP/1.x connections still waiting for their
 * first head, so its map is bounded by the open connections.
 */
final class RequestHeadTimeout implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(RequestHeadTimeout.class);

  private final Vertx vertx;
  private final long timeoutMillis;
  private final Map<HttpConnection, Long> waiting = new HashMap<>();

  RequestHeadTimeout(Vertx vertx, int timeoutSeconds) {
    this.vertx = vertx;
    this.timeoutMillis = timeoutSeconds * 1000L;
  }

  /** A new connection: its first head must come in time. */
  void connected(HttpConnection connection) {
    connection.closeHandler(v -> disarm(connection));
    arm(connection);
  }

  /** First handler of every route: a head has come. */
  @Override
  public void handle(RoutingContext ctx) {
    disarm(ctx.request().connection());
    ctx.next();
  }

  private void arm(HttpConnection connection) {
    if (timeoutMillis == 0) {
      return;
    }
    waiting.put(connection, vertx.setTimer(timeoutMillis, id -> {
      waiting.remove(connection);
      LOG.info("Closed a connection from {}: no complete request head within {} s (http.requestHeadTimeoutSeconds)",
          connection.remoteAddress(), timeoutMillis / 1000);
      connection.close();
    }));
  }

  private void disarm(HttpConnection connection) {
    Long timer = waiting.remove(connection);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
  }
}
