package io.ssehub.sse;

import io.ssehub.event.Event;
import io.ssehub.event.EventAddresses;
import io.ssehub.event.StreamProtocol;
import io.ssehub.event.Topic;
import io.ssehub.history.Replay;
import io.ssehub.web.Hangup;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One open {@code text/event-stream} response and everything it owns: one event-bus consumer per topic, its replay,
 * its backlog and its place in the registry. Everything happens on the connection's event loop. {@link #close} is the
 * single, idempotent exit, reached however the connection ends: the client leaves (through the routing context's end
 * handlers, which fire on end, reset and connection close alike), the client is too slow, or the server stops.
 *
 * <p>Writes go straight to the socket while its queue has room. When the queue is full (a replay larger than the
 * queue, a burst, a slow reader) frames wait in a backlog, written as the queue drains. The backlog holds shared
 * frames, never copies, and live events may add at most {@code maxQueuedBytes} to it: past that the client is not
 * keeping up and is dropped.
 */
final class SseConnection {

  private static final Logger LOG = LoggerFactory.getLogger(SseConnection.class);

  private final RoutingContext ctx;
  private final HttpServerResponse response;
  private final SseRequest request;
  private final StreamOwner owner;
  /** The client address the registry admitted this stream for; released on close. */
  private final String address;
  private final List<MessageConsumer<Event>> consumers;
  private final int maxQueuedBytes;
  private final long maxLagMillis;
  private boolean opened;
  private boolean closed;
  /** Sequence number of the newest event written or queued; older or equal deliveries are duplicates. */
  private long lastSeq;
  private ArrayDeque<Buffer> backlog;
  /** Replayed frames (and the replay signal) at the head of the backlog; they come before any live frame. */
  private int replayFramesWaiting;
  /** Bytes of live frames in the backlog; past maxQueuedBytes the client is not keeping up. */
  private long liveBytesWaiting;
  private long lastWriteTick;
  /** Ends the stream at its lifetime or when its token expires, whichever comes first; -1 when neither. */
  private long endTimer = -1;

  SseConnection(RoutingContext ctx, SseRequest request, StreamOwner owner, String address, int maxQueuedBytes,
                long maxLagMillis) {
    this.ctx = ctx;
    this.address = address;
    this.response = ctx.response();
    this.request = request;
    this.owner = owner;
    this.maxQueuedBytes = maxQueuedBytes;
    this.maxLagMillis = maxLagMillis;
    this.consumers = new ArrayList<>(request.topics().size());
  }

  /**
   * Subscribes, takes the replay (after subscribing, so that no event falls between the two), then sends the
   * headers, the opening {@code retry:} block, the replayed events and the replay signal at once.
   *
   * @param opening the opening bytes, shared by all connections
   * @param replay  computes the replay; called once the consumers are registered
   * @param lifetimeMillis end the stream cleanly after this long; 0 never
   * @param tokenMillis    end it cleanly after this long too, when its token expires; 0 never
   */
  void open(Buffer opening, Supplier<Replay> replay, long lifetimeMillis, long tokenMillis) {
    response.setStatusCode(200);
    StreamProtocol.HEADERS.forEach(response::putHeader);
    response.setChunked(true)
        .setWriteQueueMaxSize(maxQueuedBytes);
    ctx.addEndHandler(result -> {
      if (result.failed()) {
        LOG.debug("Stream from {} ended: {}", remote(), result.cause().getMessage());
      }
      close(CloseReason.ENDED);
    });
    if (response.closed()) {
      // The client left before we got here: its close callbacks have already run and will not run again, so
      // subscribing now would leak the consumers; only its admission is to be released.
      close(CloseReason.ENDED);
      return;
    }
    response.drainHandler(v -> drainBacklog());
    EventBus eventBus = ctx.vertx().eventBus();
    for (Topic topic : request.topics()) {
      consumers.add(eventBus.localConsumer(EventAddresses.of(topic), message -> deliver(message.body())));
    }
    owner.opened(this, request.topics());
    opened = true;
    if (lifetimeMillis > 0 && (tokenMillis == 0 || lifetimeMillis <= tokenMillis)) {
      endTimer = ctx.vertx().setTimer(lifetimeMillis, id -> close(CloseReason.LIFETIME));
    } else if (tokenMillis > 0) {
      endTimer = ctx.vertx().setTimer(tokenMillis, id -> close(CloseReason.TOKEN_EXPIRED));
    }

    Replay snapshot = replay.get();
    response.putHeader(StreamProtocol.RESUMED_FROM_HEADER, snapshot.resumedFrom());
    write(opening);
    for (Event event : snapshot.events()) {
      enqueue(event.frame(request.namesByTopic()), false);
      lastSeq = event.seq();
    }
    if (snapshot.requested()) {
      enqueue(StreamProtocol.replaySignal(request.lastEventId(), snapshot.events().size(), snapshot.complete(),
          snapshot.reason(), snapshot.oldestId()), false);
    }
    if (!snapshot.events().isEmpty()) {
      owner.replayed(snapshot.events().size());
    }
  }

  private void deliver(Event event) {
    if (closed || event.seq() <= lastSeq) {
      // Replayed already, or the same event arriving through a second subscribed topic.
      return;
    }
    // Deliveries wait in the event loop's task queue before they reach this point, where no byte limit sees them;
    // their age does. A client this far behind will not catch up, and dropping it frees its share of the queue.
    long now = owner.nowMillis();
    if (maxLagMillis > 0 && now - event.publishedAtMillis() > maxLagMillis) {
      close(CloseReason.LAGGING);
      return;
    }
    lastSeq = event.seq();
    enqueue(event.frame(request.namesByTopic()), true);
    owner.delivered(event, now);
  }

  /** Writes a frame, or queues it behind the others while the socket's queue is full. */
  private void enqueue(Buffer frame, boolean live) {
    if (closed) {
      return;
    }
    if (backlog == null && !response.writeQueueFull()) {
      write(frame);
      return;
    }
    if (backlog == null) {
      backlog = new ArrayDeque<>();
    }
    backlog.addLast(frame);
    if (!live) {
      replayFramesWaiting++;
    } else {
      liveBytesWaiting += frame.length();
      if (liveBytesWaiting > maxQueuedBytes) {
        close(CloseReason.SLOW_CLIENT);
      }
    }
  }

  private void drainBacklog() {
    if (closed || backlog == null) {
      return;
    }
    while (!backlog.isEmpty() && !response.writeQueueFull()) {
      Buffer frame = backlog.pollFirst();
      if (replayFramesWaiting > 0) {
        replayFramesWaiting--;
      } else {
        liveBytesWaiting -= frame.length();
      }
      write(frame);
    }
    if (backlog.isEmpty()) {
      backlog = null;
    }
  }

  private void write(Buffer frame) {
    response.write(frame);
    lastWriteTick = owner.tick();
  }

  /**
   * Writes a heartbeat when nothing was written for {@code idleTicks} whole ticks and nothing is waiting. A write
   * records the tick in progress, so "more than" is what guarantees a full {@code idleTicks} of silence: the
   * heartbeat comes between {@code idleTicks} and {@code idleTicks + 1} ticks after the last write.
   */
  void heartbeatIfIdle(long tick, long idleTicks, Buffer heartbeat) {
    if (!closed && backlog == null && tick - lastWriteTick > idleTicks && !response.writeQueueFull()) {
      write(heartbeat);
    }
  }

  /** Releases everything this connection holds, once; later calls do nothing. */
  void close(CloseReason reason) {
    if (closed) {
      return;
    }
    closed = true;
    consumers.forEach(MessageConsumer::unregister);
    consumers.clear();
    backlog = null;
    if (endTimer >= 0) {
      ctx.vertx().cancelTimer(endTimer);
    }
    owner.closed(this, request.topics(), opened, address);
    switch (reason) {
      case ENDED -> { }
      case SHUTDOWN, LIFETIME, TOKEN_EXPIRED -> {
        if (!response.ended() && !response.closed()) {
          response.end();
        }
      }
      case SLOW_CLIENT -> dropSlow("more than " + maxQueuedBytes + " bytes were waiting for it");
      case LAGGING -> dropSlow("its events reached it more than " + maxLagMillis / 1000 + " s after publication");
    }
  }

  private void dropSlow(String why) {
    owner.droppedSlow();
    LOG.info("Dropped slow client {}: {} (topics {})", remote(), why, request.topics());
    Hangup.now(ctx);
  }

  private String remote() {
    return String.valueOf(ctx.request().remoteAddress());
  }
}
