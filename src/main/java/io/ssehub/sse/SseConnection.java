package io.ssehub.sse;

import io.ssehub.event.Event;
import io.ssehub.event.EventAddresses;
import io.ssehub.event.Topic;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One open {@code text/event-stream} response and everything it owns: one event-bus consumer per topic and its
 * place in the registry. Everything happens on the connection's event loop. {@link #close} is the single,
 * idempotent exit, reached however the connection ends: the client leaves (through the routing context's end
 * handlers, which fire on end, reset and connection close alike), the client is too slow, or the server stops.
 */
final class SseConnection {

  private static final Logger LOG = LoggerFactory.getLogger(SseConnection.class);

  private final RoutingContext ctx;
  private final HttpServerResponse response;
  private final List<Topic> topics;
  private final ConnectionRegistry registry;
  private final Set<SseConnection> openOnThisVerticle;
  private final List<MessageConsumer<Event>> consumers;
  private boolean opened;
  private boolean closed;

  SseConnection(RoutingContext ctx, List<Topic> topics, ConnectionRegistry registry,
                Set<SseConnection> openOnThisVerticle) {
    this.ctx = ctx;
    this.response = ctx.response();
    this.topics = topics;
    this.registry = registry;
    this.openOnThisVerticle = openOnThisVerticle;
    this.consumers = new ArrayList<>(topics.size());
  }

  /**
   * Sends the headers and the opening {@code retry:} block at once (so that clients see the stream start before
   * any event), then subscribes.
   *
   * @param opening          the opening bytes, shared by all connections
   * @param maxQueuedBytes   bytes that may wait for this client before it counts as slow
   */
  void open(Buffer opening, int maxQueuedBytes) {
    response.setStatusCode(200)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
        .putHeader("X-Accel-Buffering", "no")
        .setChunked(true)
        .setWriteQueueMaxSize(maxQueuedBytes);
    ctx.addEndHandler(result -> {
      if (result.failed()) {
        LOG.debug("Stream from {} ended: {}", remote(), result.cause().getMessage());
      }
      close(CloseReason.ENDED);
    });
    if (response.closed()) {
      // The client left before we got here: its close callbacks have already run and will not run again, so
      // subscribing now would leak the consumers.
      return;
    }
    response.write(opening);
    EventBus eventBus = ctx.vertx().eventBus();
    for (Topic topic : topics) {
      consumers.add(eventBus.localConsumer(EventAddresses.of(topic), message -> deliver(message.body())));
    }
    registry.opened(topics);
    openOnThisVerticle.add(this);
    opened = true;
  }

  private void deliver(Event event) {
    if (closed) {
      return;
    }
    // A full queue means the client has not read the last maxQueuedBytes: it will not catch up, and waiting
    // would let one stalled reader hold memory that grows with every event.
    if (response.writeQueueFull()) {
      close(CloseReason.SLOW_CLIENT);
      return;
    }
    response.write(event.frame());
    registry.countDelivered();
  }

  /** Releases everything this connection holds, once; later calls do nothing. */
  void close(CloseReason reason) {
    if (closed) {
      return;
    }
    closed = true;
    consumers.forEach(MessageConsumer::unregister);
    consumers.clear();
    if (opened) {
      registry.closed(topics);
      openOnThisVerticle.remove(this);
    }
    switch (reason) {
      case ENDED -> { }
      case SHUTDOWN -> {
        if (!response.ended() && !response.closed()) {
          response.end();
        }
      }
      case SLOW_CLIENT -> {
        registry.countSlowClientDropped();
        LOG.info("Dropped slow client {}: more than the allowed bytes were queued for it (topics {})",
            remote(), topics);
        ctx.request().connection().close();
      }
    }
  }

  private String remote() {
    return String.valueOf(ctx.request().remoteAddress());
  }
}
