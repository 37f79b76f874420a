package io.ssehub.sse;

import io.ssehub.config.SseConfig;
import io.ssehub.event.Topic;
import io.ssehub.event.Event;
import io.ssehub.event.StreamProtocol;
import io.ssehub.http.AccessControl;
import io.ssehub.http.HttpServices;
import io.ssehub.metrics.HubMetrics;
import io.ssehub.web.ClientError;
import io.ssehub.web.Hangup;
import io.ssehub.publish.Publisher;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code GET /sse?topics=a,b}: validates the request, then hands the response to a new {@link SseConnection}.
 * One instance per HTTP verticle, used on its event loop only. It knows the connections opened there, to write
 * their heartbeats and to end them all on shutdown.
 */
public final class SseHandler implements Handler<RoutingContext> {

  private static final long TICK_MILLIS = 1000;

  private final SseConfig config;
  private final ConnectionRegistry registry;
  private final Publisher publisher;
  private final AccessControl accessControl;
  private final HubMetrics metrics;
  private final Buffer opening;
  private final Set<SseConnection> open = new HashSet<>();
  private boolean stopping;
  /** Set by {@link #endAll}: completes when the last open stream has ended. */
  private Promise<Void> allEnded;
  private long tick;
  private long timerId = -1;

  public SseHandler(SseConfig config, HttpServices services) {
    this.config = config;
    this.accessControl = services.accessControl();
    this.registry = services.registry();
    this.publisher = services.publisher();
    this.metrics = services.metrics();
    this.opening = StreamProtocol.opening(config.retryMillis());
  }

  /**
   * Starts the once-a-second tick that writes heartbeats on streams idle for {@code sse.heartbeatSeconds}. One
   * timer for all connections: a write only records the current tick, so busy streams cost nothing here.
   */
  public void startHeartbeats(Vertx vertx) {
    if (config.heartbeatSeconds() > 0) {
      timerId = vertx.setPeriodic(TICK_MILLIS, id -> {
        tick++;
        for (SseConnection connection : List.copyOf(open)) {
          connection.heartbeatIfIdle(tick, config.heartbeatSeconds(), StreamProtocol.HEARTBEAT);
        }
      });
    }
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (stopping) {
      // Shutdown has begun (open streams are being ended, maybe over a grace period), or this request was
      // pipelined behind a stream it just ended: refuse it rather than open a stream the server would soon cut.
      Hangup.afterResponse(ctx);
      throw new ClientError(503, "The server is shutting down: reconnect shortly");
    }
    SseRequest request = SseRequest.parse(ctx, config.maxTopicsPerConnection());
    accessControl.authorizeSubscribe(ctx, request.topics()).onComplete(authorized -> {
      if (authorized.failed()) {
        ctx.fail(authorized.cause());
        return;
      }
      try {
        open(ctx, request, authorized.result());
      } catch (RuntimeException e) {
        ctx.fail(e);
      }
    });
  }

  /** Opens an authorized stream, within the connection limits; it ends by itself when its token expires. */
  private void open(RoutingContext ctx, SseRequest request, long tokenExpiresAtMillis) {
    String address = String.valueOf(ctx.request().remoteAddress().hostAddress());
    admit(ctx, address);
    SseConnection connection = new SseConnection(ctx, request, this, address, config.maxQueuedBytesPerConnection(),
        config.maxLagSeconds() * 1000L);
    try {
      connection.open(opening, () -> publisher.replay(request.topics(), request.lastEventId()), lifetimeMillis(),
          tokenExpiresAtMillis == 0 ? 0 : Math.max(1, tokenExpiresAtMillis - nowMillis()));
    } catch (RuntimeException e) {
      connection.close(CloseReason.ENDED);
      throw e;
    }
  }

  /** Counts the stream in, or refuses it (before anything is subscribed) when it would pass a connection limit. */
  private void admit(RoutingContext ctx, String address) {
    ConnectionRegistry.Refusal refusal = registry.admit(address);
    if (refusal == null) {
      return;
    }
    ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds()));
    throw switch (refusal) {
      case SERVER_FULL -> new ClientError(503, "Too many connections: the server holds its limit of "
          + config.maxConnections() + " streams (sse.maxConnections); retry later");
      case ADDRESS_FULL -> new ClientError(429, "Too many connections from " + address + ": at most "
          + config.maxConnectionsPerIp() + " streams per client address (sse.maxConnectionsPerIp)");
    };
  }

  /** The clients' own reconnection delay, in whole seconds (at least one). */
  private long retryAfterSeconds() {
    return Math.max(1, (config.retryMillis() + 999) / 1000);
  }

  /**
   * A stream's lifetime: the configured one less up to 10% at random, so that streams opened together (after a
   * restart, say) do not all end, and reconnect, at the same moment.
   */
  private long lifetimeMillis() {
    long lifetime = config.maxConnectionLifetimeSeconds() * 1000L;
    return lifetime == 0 ? 0 : lifetime - ThreadLocalRandom.current().nextLong(lifetime / 10 + 1);
  }

  long nowMillis() {
    return publisher.nowMillis();
  }

  long tick() {
    return tick;
  }

  /** One live event written to a stream, at {@code nowMillis}. */
  void delivered(Event event, long nowMillis) {
    registry.countDelivered();
    metrics.delivered(nowMillis - event.publishedAtMillis());
  }

  ConnectionRegistry registry() {
    return registry;
  }

  void opened(SseConnection connection, List<Topic> topics) {
    open.add(connection);
    registry.subscribed(topics);
  }

  void closed(SseConnection connection, List<Topic> topics) {
    open.remove(connection);
    registry.unsubscribed(topics);
    checkAllEnded();
  }

  /**
   * Ends every stream opened through this handler with a clean end of the chunked body, each at a random moment
   * within {@code graceMillis} (all at once when it is 0), so that their clients reconnect spread over time; refuses
   * new streams from then on (503). Heartbeats go on for the streams still open. Call it on the handler's event loop.
   *
   * @return completes with how many streams were open when it was called, once none is left
   */
  public Future<Integer> endAll(Vertx vertx, long graceMillis) {
    stopping = true;
    List<SseConnection> toEnd = new ArrayList<>(open);
    allEnded = Promise.promise();
    Future<Integer> result = allEnded.future().map(toEnd.size());
    for (SseConnection connection : toEnd) {
      long delay = graceMillis == 0 ? 0 : ThreadLocalRandom.current().nextLong(graceMillis);
      if (delay == 0) {
        connection.close(CloseReason.SHUTDOWN);
      } else {
        vertx.setTimer(delay, id -> connection.close(CloseReason.SHUTDOWN));
      }
    }
    checkAllEnded();
    return result.onComplete(done -> vertx.cancelTimer(timerId));
  }

  private void checkAllEnded() {
    if (allEnded != null && open.isEmpty()) {
      allEnded.tryComplete();
    }
  }
}
