package io.ssehub.sse;

import io.ssehub.event.Event;
import io.ssehub.event.Frame;
import io.ssehub.event.StreamProtocol;
import io.ssehub.event.StreamStyle;
import io.ssehub.event.Topic;
import io.ssehub.history.Replay;
import io.ssehub.web.Hangup;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Supplier;

/**
 * One open {@code text/event-stream} response and everything it owns: its place in its topics' fan-outs on its event
 * loop, its replay, its backlog, its timers and its place in the registry. Everything happens on the connection's
 * event loop. {@link #close} is the single, idempotent exit, reached however the connection ends: the client leaves
 * (through the routing context's end handlers, which fire on end, reset and connection close alike), the client is too
 * slow, or the server stops.
 *
 * <p>Frames go to a {@link StreamWriter} while the transport has room. When it is full (a replay larger than the
 * queue, a burst, a slow reader) frames wait in a backlog, written as the queue drains. The backlog holds shared
 * frames, never copies, and live events may add at most {@code maxQueuedBytes} to it: past that the client is not
 * keeping up and is dropped.
 */
final class SseConnection {

  private static final Logger LOG = LoggerFactory.getLogger(SseConnection.class);

  private final RoutingContext ctx;
  private final HttpServerResponse response;
  private final StreamRequest request;
  private final StreamOwner owner;
  /** The client address the registry admitted this stream for; released on close. */
  private final String address;
  private final int maxQueuedBytes;
  private final long maxLagMillis;
  /**
   * The fan-out of each topic, in {@code request.topics()} order, then the loop's fan-out of every event when the
   * stream matches by pattern, and this connection's place in each.
   */
  private final TopicFanout[] fanouts;
  private final int[] places;
  private StreamWriter writer;
  private boolean subscribed;
  private boolean closed;
  /** In its loop's list of streams to flush. */
  boolean dirty;
  /** Sequence number of the newest event written or queued; older or equal deliveries are duplicates. */
  private long lastSeq;
  private ArrayDeque<Frame> backlog;
  /** Replayed frames (and the replay signal) at the head of the backlog; they come before any live frame. */
  private int replayFramesWaiting;
  /** Bytes of live frames in the backlog; past maxQueuedBytes the client is not keeping up. */
  private long liveBytesWaiting;
  private long lastWriteTick;
  /** Ends the stream at its lifetime or when its token expires, whichever comes first; -1 when neither. */
  private long endTimer = -1;
  private final Promise<Void> closing = Promise.promise();

  SseConnection(RoutingContext ctx, StreamRequest request, StreamOwner owner, String address, int maxQueuedBytes,
                long maxLagMillis) {
    this.ctx = ctx;
    this.address = address;
    this.response = ctx.response();
    this.request = request;
    this.owner = owner;
    this.maxQueuedBytes = maxQueuedBytes;
    this.maxLagMillis = maxLagMillis;
    this.fanouts = new TopicFanout[request.topics().size() + (request.patterns() == null ? 0 : 1)];
    this.places = new int[fanouts.length];
  }

  List<Topic> topics() {
    return request.topics();
  }

  StreamRequest request() {
    return request;
  }

  /** Fan-outs this connection is in: one per topic, and the one of every event when it matches by pattern. */
  int fanoutCount() {
    return fanouts.length;
  }

  /**
   * Subscribes, takes the replay (after subscribing, so that no event falls between the two), then sends the
   * headers, the opening block, the replayed events the subscriber may receive and, in the ssehub style, the replay
   * signal, at once.
   *
   * @param replay         computes the replay; called once the subscriptions are in place
   * @param lifetimeMillis end the stream cleanly after this long; 0 never
   * @param tokenMillis    end it cleanly after this long too, when its token expires; 0 never
   */
  void open(Supplier<Replay> replay, long lifetimeMillis, long tokenMillis) {
    StreamStyle style = request.style();
    response.setStatusCode(200);
    style.headers().forEach(response::putHeader);
    response.setChunked(true).setWriteQueueMaxSize(maxQueuedBytes);
    ctx.addEndHandler(result -> {
      if (result.failed()) {
        LOG.debug("Stream from {} ended: {}", remote(), result.cause().getMessage());
      }
      close(CloseReason.ENDED);
    });
    if (response.closed()) {
      // The client left before we got here: its close callbacks have already run and will not run again, so
      // subscribing now would leak the subscriptions; only its admission is to be released.
      close(CloseReason.ENDED);
      return;
    }
    response.drainHandler(v -> drainBacklog());
    owner.subscribe(this, request);
    subscribed = true;
    if (lifetimeMillis > 0 && (tokenMillis == 0 || lifetimeMillis <= tokenMillis)) {
      endTimer = ctx.vertx().setTimer(lifetimeMillis, id -> close(CloseReason.LIFETIME));
    } else if (tokenMillis > 0) {
      endTimer = ctx.vertx().setTimer(tokenMillis, id -> close(CloseReason.TOKEN_EXPIRED));
    }

    Replay snapshot = replay.get();
    response.putHeader(style.resumedFromHeader(), snapshot.resumedFrom());
    writer = writerFor(ctx);
    write(style.opening());
    int replayed = 0;
    for (Event event : snapshot.events()) {
      // Authorization holds for replayed events as for live ones.
      if (request.mayReceive(event)) {
        enqueue(event.frame(request.namesByTopic()), false);
        replayed++;
      }
      lastSeq = event.seq();
    }
    if (snapshot.requested() && style.replaySignal()) {
      enqueue(StreamProtocol.replaySignal(request.lastEventId(), replayed, snapshot.complete(),
          snapshot.reason(), snapshot.oldestId()), false);
    }
    writer.flush();
    if (replayed > 0) {
      owner.replayed(replayed);
    }
  }

  /**
   * The writer for this stream, once its head is out: straight to the channel over HTTP/1.x, through the response
   * over HTTP/2 (or when the channel cannot be had).
   */
  private StreamWriter writerFor(RoutingContext ctx) {
    if (!Hangup.isHttp2(ctx)) {
      ChannelWriter channel = ChannelWriter.of(ctx.request().connection());
      if (channel != null) {
        response.writeHead();
        return channel;
      }
    }
    return new ResponseWriter(response);
  }

  /** Its place in a topic's fan-out: where {@code fanout} holds it, the {@code topicIndex}-th of its topics. */
  void placedIn(int topicIndex, TopicFanout fanout, int place) {
    fanouts[topicIndex] = fanout;
    places[topicIndex] = place;
  }

  /** The fan-out moved this connection to another place in its array. */
  void movedTo(TopicFanout fanout, int place) {
    for (int i = 0; i < fanouts.length; i++) {
      if (fanouts[i] == fanout) {
        places[i] = place;
        return;
      }
    }
  }

  TopicFanout fanout(int topicIndex) {
    return fanouts[topicIndex];
  }

  int place(int topicIndex) {
    return places[topicIndex];
  }

  /**
   * One event of a pass over its topic's subscribers, read at one clock reading.
   *
   * @param late whether the event is older than {@code sse.maxLagSeconds} at this pass (the whole pass shares it)
   * @return whether it was written or queued for this client (not a duplicate, not closed)
   */
  boolean deliver(Event event, boolean late) {
    if (closed || event.seq() <= lastSeq) {
      // Replayed already, or the same event arriving through a second subscribed topic.
      return false;
    }
    if (event.isPrivate() && !request.mayReceive(event)) {
      return false;
    }
    // Deliveries wait in the event loop's task queue before they reach this point, where no byte limit sees them;
    // their age does. A client this far behind will not catch up, and dropping it frees its share of the queue.
    if (late) {
      close(CloseReason.LAGGING);
      return false;
    }
    lastSeq = event.seq();
    enqueue(event.frame(request.namesByTopic()), true);
    return !closed;
  }

  /** Writes a frame, or queues it behind the others while the transport's queue is full. */
  private void enqueue(Frame frame, boolean live) {
    if (closed) {
      return;
    }
    if (backlog == null && !writer.full()) {
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
    while (!backlog.isEmpty() && !writer.full()) {
      Frame frame = backlog.pollFirst();
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
    writer.flush();
  }

  private void write(Frame frame) {
    writer.write(frame);
    lastWriteTick = owner.tick();
  }

  /** Sends what passes wrote since the last flush; the loop calls it once for each stream it wrote to. */
  void flush() {
    dirty = false;
    if (!closed) {
      writer.flush();
    }
  }

  /**
   * Writes a heartbeat when nothing was written for {@code idleTicks} whole ticks and nothing is waiting. A write
   * records the tick in progress, so "more than" is what guarantees a full {@code idleTicks} of silence: the
   * heartbeat comes between {@code idleTicks} and {@code idleTicks + 1} ticks after the last write.
   */
  void heartbeatIfIdle(long tick, long idleTicks, Frame heartbeat) {
    if (!closed && backlog == null && tick - lastWriteTick > idleTicks && !writer.full()) {
      write(heartbeat);
      writer.flush();
    }
  }

  /** Releases everything this connection holds, once; later calls do nothing. */
  void close(CloseReason reason) {
    if (closed) {
      return;
    }
    closed = true;
    backlog = null;
    if (endTimer >= 0) {
      ctx.vertx().cancelTimer(endTimer);
    }
    if (writer != null) {
      ctx.put(SseStreams.BYTES_WRITTEN, writer.bytesWritten());
    }
    // End the response before telling the owner: the owner may complete a shutdown, which closes the server and
    // with it this connection, and the client must have received the end of the body by then.
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
    owner.closed(this, subscribed, address);
    closing.complete();
  }

  /** Completes once the stream has closed. */
  Future<Void> closed() {
    return closing.future();
  }

  boolean isClosed() {
    return closed;
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
