package io.ssehub.sse;

import io.ssehub.config.SseConfig;
import io.ssehub.event.Event;
import io.ssehub.event.StreamProtocol;
import io.ssehub.event.Topic;
import io.ssehub.metrics.HubMetrics;
import io.ssehub.web.ClientError;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The streams of one event loop: it opens them (within the connection limits), writes their heartbeats, counts what
 * they deliver and ends them all on shutdown. One instance per HTTP verticle, used on its event loop only; the
 * request has been validated and authorized before it gets here.
 */
public final class SseStreams implements StreamOwner {

  private static final long TICK_MILLIS = 1000;

  private final SseConfig config;
  private final ConnectionRegistry registry;
  private final ReplaySource replays;
  private final Clock clock;
  private final HubMetrics metrics;
  private final Buffer opening;
  private final Set<SseConnection> open = new HashSet<>();
  private boolean stopping;
  /** Set by {@link #endAll}: completes when the last open stream has ended. */
  private Promise<Void> allEnded;
  private long tick;
  private long timerId = -1;

  /**
   * @param registry the counts and connection limits shared by every event loop
   * @param replays  where a new stream takes its replay
   * @param clock    the hub's clock, which stamps events: their age decides when a client lags
   */
  public SseStreams(SseConfig config, ConnectionRegistry registry, ReplaySource replays, Clock clock,
                    HubMetrics metrics) {
    this.config = config;
    this.registry = registry;
    this.replays = replays;
    this.clock = clock;
    this.metrics = metrics;
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

  /**
   * Whether shutdown has begun (open streams are being ended, maybe over a grace period): new streams are refused
   * rather than opened only to be cut.
   */
  public boolean stopping() {
    return stopping;
  }

  /**
   * Opens an authorized stream, within the connection limits; it ends by itself when its token expires.
   *
   * @param tokenExpiresAtMillis when the subscriber's token expires (epoch ms), or 0 for never
   * @throws ClientError 503 or 429 (with {@code Retry-After}) when a connection limit is reached, before anything is
   *                     subscribed
   */
  public void open(RoutingContext ctx, SseRequest request, long tokenExpiresAtMillis) {
    String address = String.valueOf(ctx.request().remoteAddress().hostAddress());
    admit(ctx, address);
    SseConnection connection = new SseConnection(ctx, request, this, address, config.maxQueuedBytesPerConnection(),
        config.maxLagSeconds() * 1000L);
    try {
      connection.open(opening, () -> replays.replay(request.topics(), request.lastEventId()), lifetimeMillis(),
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

  @Override
  public long nowMillis() {
    return clock.millis();
  }

  @Override
  public long tick() {
    return tick;
  }

  @Override
  public void opened(SseConnection connection, List<Topic> topics) {
    open.add(connection);
    registry.subscribed(topics);
  }

  @Override
  public void closed(SseConnection connection, List<Topic> topics, boolean opened, String address) {
    if (opened) {
      open.remove(connection);
      registry.unsubscribed(topics);
    }
    registry.release(address);
    checkAllEnded();
  }

  @Override
  public void delivered(Event event, long nowMillis) {
    registry.countDelivered();
    metrics.delivered(nowMillis - event.publishedAtMillis());
  }

  @Override
  public void replayed(int events) {
    registry.countReplayed(events);
  }

  @Override
  public void droppedSlow() {
    registry.countSlowClientDropped();
  }

  /**
   * Ends every stream with a clean end of the chunked body, each at a random moment within {@code graceMillis} (all
   * at once when it is 0), so that their clients reconnect spread over time; refuses new streams from then on.
   * Heartbeats go on for the streams still open. Call it on the event loop of these streams.
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
