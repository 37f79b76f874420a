package io.ssehub.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.ssehub.config.HttpConfig;
import io.ssehub.metrics.HubMetrics;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.impl.Http1xServerConnection;
import io.vertx.core.http.impl.HttpServerConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * What ssehub adds to each connection's Netty pipeline, for which Vert.x offers no option: on HTTP/1.x connections the
 * request timeouts and the version check, on HTTP/2 connections flush consolidation. This is the one place
 * that reaches Vert.x's internal connection types ({@code io.vertx.core.http.impl}) and its pipeline names
 * ({@value #DECODER}, {@value #HANDLER}); the tests of slowloris timeouts, unsupported versions and batched writes
 * fail if they change.
 */
final class ConnectionPipeline {

  /** Vert.x's HTTP/1.x request decoder, and its handler that takes decoded messages to the server. */
  private static final String DECODER = "httpDecoder";
  private static final String HANDLER = "handler";
  /** The name of the handler whose context streams write from; it does nothing itself. */
  public static final String STREAM_WRITES = "ssehub-stream-writes";
  /** A handler that does nothing: only its place in the pipeline matters. */
  private static final ChannelHandler STREAM_WRITES_MARK = new ChannelHandlerAdapter() {
    @Override
    public boolean isSharable() {
      return true;
    }
  };
  /** Flushes that may be merged before one is let through regardless. */
  private static final int FLUSH_CONSOLIDATION_LIMIT = 256;

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionPipeline.class);
  private static volatile boolean warned;

  private ConnectionPipeline() {
  }

  /** Extends a new connection's pipeline; called from the server's connection handler, on its event loop. */
  static void extend(HttpConnection connection, HttpConfig config, HubMetrics metrics) {
    if (!(connection instanceof HttpServerConnection internal)) {
      if (!warned) {
        warned = true;
        LOG.error("This Vert.x no longer gives connections as {}: request timeouts, the version check and flush"
            + " consolidation are off", HttpServerConnection.class.getName());
      }
      return;
    }
    ChannelPipeline pipeline = internal.channelHandlerContext().pipeline();
    if (connection instanceof Http1xServerConnection && pipeline.get(DECODER) != null) {
      // Where streams write their frames (sse.ChannelWriter), just below the HTTP codec: a write starts its walk to
      // the socket there, past nothing but what must see it (TLS). Streams flush HTTP/1.x connections themselves, once
      // per pass; Vert.x's own writes during a read are flushed once the read is over.
      pipeline.addBefore(DECODER, STREAM_WRITES, STREAM_WRITES_MARK);
      RequestTimeouts.install(pipeline, DECODER, HANDLER, config.requestHeadTimeoutSeconds(),
          config.requestBodyTimeoutSeconds(), metrics);
      pipeline.addBefore(HANDLER, "ssehub-version-check", new HttpVersionCheck());
    } else {
      // HTTP/2 streams are written through Vert.x, which flushes each write: one flush (one system call) for the
      // writes of one event-loop pass instead of one each.
      pipeline.addFirst("ssehub-flush-consolidation", new FlushConsolidationHandler(FLUSH_CONSOLIDATION_LIMIT, true));
    }
  }

  /** The names of a connection's pipeline handlers, for the test that proves the extensions are there. */
  static List<String> handlerNames(HttpConnection connection) {
    return connection instanceof HttpServerConnection internal
        ? internal.channelHandlerContext().pipeline().names() : List.of();
  }
}
