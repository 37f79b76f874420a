package io.ssehub.sse;

import io.ssehub.config.SseConfig;
import io.ssehub.event.Event;
import io.ssehub.event.EventAddresses;
import io.ssehub.event.StreamProtocol;
import io.ssehub.event.Topic;
import io.ssehub.event.TopicMatcher;
import io.ssehub.history.Replay;
import io.ssehub.metrics.HubMetrics;
import io.ssehub.web.ClientError;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The streams of one event loop, and their fan-out: it opens them (within the connection limits), holds one event-bus
 * consumer per topic that has subscribers on this loop (registered with the first, unregistered with the last), writes
 * each arriving event to the topic's subscribers in one pass, beats their hearts and ends them all on shutdown. One
 * instance per HTTP verticle, used on its event loop only; a request has been validated and authorized before it
 * gets here.
 *
 * <p>A pass costs, per subscriber, a sequence-number check and a write of the event's shared frame; per pass, one
 * clock reading (which also decides whether the event is too late for {@code sse.maxLagSeconds}) and one update of
 * the counters and the latency histogram. The streams written to are flushed once each by a task queued behind the
 * deliveries already waiting on the loop, so that consecutive events to a busy stream share one system call. A stream
 * that closes during a pass (dropped as slow, say) leaves its fan-outs once the pass is over; until then it ignores
 * what it is given.
 */
public final class SseStreams implements StreamOwner {

  /** The routing context's key for the bytes a stream wrote past Vert.x's response, which the access log reports. */
  public static final String BYTES_WRITTEN = "ssehub.streamBytesWritten";
  private static final long TICK_MILLIS = 1000;

  private final SseConfig config;
  private final ConnectionRegistry registry;
  private final ReplaySource replays;
  private final Clock clock;
  private final HubMetrics metrics;
  private final EventBus eventBus;
  private final Map<Topic, TopicFanout> fanouts = new HashMap<>();
  /** The streams that match topics by pattern, fed every event; null while there is none on this loop. */
  private TopicFanout allEvents;
  /** Streams written to since the last flush task ran. */
  private final List<SseConnection> dirty = new ArrayList<>();
  private final Context context;
  private final Handler<Void> flushTask = v -> flushDirty();
  private boolean flushScheduled;
  /** Streams closed during the current pass, taken out of their fan-outs at its end. */
  private final List<SseConnection> leaving = new ArrayList<>();
  private boolean passing;
  private final Set<SseConnection> open = new HashSet<>();
  private boolean stopping;
  /** Set by {@link #endAll}: completes when the last open stream has ended. */
  private Promise<Void> allEnded;
  private long tick;
  private long timerId = -1;

  /**
   * @param vertx    the Vert.x instance whose event bus carries the events; build this on the loop it serves
   * @param registry the counts and connection limits shared by every event loop
   * @param replays  where a new stream takes its replay
   * @param clock    the hub's clock, which stamps events: their age decides when a client lags
   */
  public SseStreams(Vertx vertx, SseConfig config, ConnectionRegistry registry, ReplaySource replays, Clock clock,
                    HubMetrics metrics) {
    this.eventBus = vertx.eventBus();
    this.context = vertx.getOrCreateContext();
    this.config = config;
    this.registry = registry;
    this.replays = replays;
    this.clock = clock;
    this.metrics = metrics;
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
   * @return completes when the stream has closed, however it closed
   * @throws ClientError 503 or 429 (with {@code Retry-After}) when a connection limit is reached, before anything is
   *                     subscribed
   */
  public Future<Void> open(RoutingContext ctx, StreamRequest request, long tokenExpiresAtMillis) {
    String address = String.valueOf(ctx.request().remoteAddress().hostAddress());
    admit(ctx, address);
    SseConnection connection = new SseConnection(ctx, request, this, address, config.maxQueuedBytesPerConnection(),
        config.maxLagSeconds() * 1000L);
    try {
      connection.open(() -> replay(request), lifetimeMillis(),
          tokenExpiresAtMillis == 0 ? 0 : Math.max(1, tokenExpiresAtMillis - nowMillis()));
    } catch (RuntimeException e) {
      connection.close(CloseReason.ENDED);
      throw e;
    }
    return connection.closed();
  }

  /**
   * A new stream's replay. A stream that matches by pattern scans history with one cost budget for the whole scan;
   * a scan cut short makes the replay incomplete.
   */
  private Replay replay(StreamRequest request) {
    if (request.patterns() == null) {
      return replays.replay(request.topics(), null, request.lastEventId());
    }
    TopicMatcher scan = request.patterns().forScan();
    Replay replay = replays.replay(request.topics(), scan, request.lastEventId());
    return scan.cutShort() ? replay.cutShort() : replay;
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
  public void subscribe(SseConnection connection, StreamRequest request) {
    List<Topic> topics = request.topics();
    for (int i = 0; i < topics.size(); i++) {
      TopicFanout fanout = fanouts.computeIfAbsent(topics.get(i), this::newFanout);
      connection.placedIn(i, fanout, fanout.add(connection));
    }
    if (request.patterns() != null) {
      if (allEvents == null) {
        allEvents = newAllEventsFanout();
      }
      connection.placedIn(topics.size(), allEvents, allEvents.add(connection));
      registry.patternSubscribed(1);
    }
    open.add(connection);
    registry.subscribed(topics);
  }

  /**
   * The fan-out of every event, with the loop's first stream that matches by pattern: its consumer is registered,
   * and the publisher told, before that stream takes its replay.
   */
  private TopicFanout newAllEventsFanout() {
    TopicFanout fanout = new TopicFanout(null);
    fanout.consumer = eventBus.localConsumer(EventAddresses.ALL, message -> pass(fanout, message.body()));
    replays.allEventsConsumers(1);
    registry.busConsumerAdded();
    return fanout;
  }

  /** A fan-out for a topic that has its first subscriber on this loop, with its consumer on this loop's context. */
  private TopicFanout newFanout(Topic topic) {
    TopicFanout fanout = new TopicFanout(topic);
    // Local also in a cluster: the node's publisher applies every event of the cluster here, in order.
    fanout.consumer = eventBus.localConsumer(EventAddresses.of(topic), message -> pass(fanout, message.body()));
    registry.busConsumerAdded();
    return fanout;
  }

  @Override
  public void closed(SseConnection connection, boolean subscribed, String address) {
    if (subscribed) {
      open.remove(connection);
      registry.unsubscribed(connection.topics());
      if (passing) {
        leaving.add(connection);
      } else {
        leave(connection);
      }
    }
    registry.release(address);
    checkAllEnded();
  }

  /** Takes a closed connection out of its fan-outs; a topic's last subscriber takes its consumer with it. */
  private void leave(SseConnection connection) {
    for (int i = 0; i < connection.fanoutCount(); i++) {
      TopicFanout fanout = connection.fanout(i);
      fanout.removeAt(connection.place(i));
      if (fanout.topic == null) {
        registry.patternSubscribed(-1);
      }
      if (fanout.size() == 0) {
        fanout.consumer.unregister();
        registry.busConsumerRemoved();
        if (fanout.topic == null) {
          allEvents = null;
          replays.allEventsConsumers(-1);
        } else {
          fanouts.remove(fanout.topic);
        }
      }
    }
  }

  /**
   * Writes one event to every subscriber of its topic on this loop, then flushes each stream written to, once. The
   * event bus calls it on this loop, in publish order.
   */
  private void pass(TopicFanout fanout, Event event) {
    long now = clock.millis();
    long latency = now - event.publishedAtMillis();
    boolean late = config.maxLagSeconds() > 0 && latency > config.maxLagSeconds() * 1000L;
    int delivered = 0;
    passing = true;
    try {
      boolean everyEvent = fanout.topic == null;
      for (int i = 0; i < fanout.size(); i++) {
        SseConnection connection = fanout.get(i);
        if (everyEvent && !connection.request().matchesPatterns(event)) {
          continue;
        }
        if (connection.deliver(event, late)) {
          delivered++;
          if (!connection.dirty) {
            connection.dirty = true;
            dirty.add(connection);
          }
        }
      }
    } finally {
      passing = false;
    }
    if (!dirty.isEmpty() && !flushScheduled) {
      // Behind the deliveries already waiting on this loop: consecutive events to a stream share one flush.
      flushScheduled = true;
      context.runOnContext(flushTask);
    }
    for (int i = 0; i < leaving.size(); i++) {
      leave(leaving.get(i));
    }
    leaving.clear();
    if (delivered > 0) {
      registry.countDelivered(delivered);
      metrics.delivered(latency, delivered);
    }
  }

  /** Flushes every stream written to since the last time, once each. */
  private void flushDirty() {
    flushScheduled = false;
    for (int i = 0; i < dirty.size(); i++) {
      dirty.get(i).flush();
    }
    dirty.clear();
  }

  /** Topics with subscribers on this loop, each with its one event-bus consumer. */
  int fanoutCount() {
    return fanouts.size();
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
