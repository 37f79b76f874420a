package io.ssehub.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import io.ssehub.metrics.HubMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Bounds in time every request head and every request body of an HTTP/1.x connection, which the idle timeout cannot
 * do: it is reset by every byte, so a client trickling a byte every few seconds (slowloris) would hold its connection
 * for ever. A head must be complete within {@code http.requestHeadTimeoutSeconds} of a new connection, and a later
 * head within as long of its first byte; a body within {@code http.requestBodyTimeoutSeconds} of its head. Past
 * either, the connection is closed unanswered (the request is incomplete) and counted as a 408 refusal.
 *
 * <p>Nothing runs while nothing is asked: a kept-alive connection idle between requests, or carrying a live stream,
 * has no timer (only the idle timeout applies), and the blank lines a client may send between requests start none. A
 * deadline that comes while the server itself has stopped reading the connection (requests queued, or a handler
 * holding a body back) is put off: the client is not the slow one then. Bytes of a next head that arrive in the same
 * read as the end of the previous request start its clock only at the next read.
 *
 * <p>It watches the bytes before the HTTP decoder (to see a head begin) and the decoded messages after it (to see a
 * head and a body end), as two handlers in the connection's pipeline sharing one state.
 */
final class RequestTimeouts {

  private static final Logger LOG = LoggerFactory.getLogger(RequestTimeouts.class);

  private enum State { IDLE, HEAD, BODY }

  private final long headMillis;
  private final long bodyMillis;
  private final HubMetrics metrics;
  private ChannelHandlerContext channel;
  private State state = State.HEAD;
  private ScheduledFuture<?> timer;

  private RequestTimeouts(long headMillis, long bodyMillis, HubMetrics metrics) {
    this.headMillis = headMillis;
    this.bodyMillis = bodyMillis;
    this.metrics = metrics;
  }

  /**
   * Watches a new HTTP/1.x connection, whose first head is due from now.
   *
   * @param decoder the name of the HTTP decoder in the pipeline
   * @param handler the name of the handler that takes decoded messages to the HTTP server
   */
  static void install(ChannelPipeline pipeline, String decoder, String handler, int headSeconds, int bodySeconds,
                      HubMetrics metrics) {
    if (headSeconds == 0 && bodySeconds == 0) {
      return;
    }
    RequestTimeouts timeouts = new RequestTimeouts(headSeconds * 1000L, bodySeconds * 1000L, metrics);
    pipeline.addBefore(decoder, "ssehub-request-bytes", timeouts.new Bytes());
    pipeline.addBefore(handler, "ssehub-request-messages", timeouts.new Messages());
  }

  /** Sees the raw bytes: the first one after a request's end begins the next head. */
  private final class Bytes extends ChannelInboundHandlerAdapter {
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      channel = ctx;
      arm(headMillis, "a complete request head", "http.requestHeadTimeoutSeconds");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (state == State.IDLE && msg instanceof ByteBuf bytes && beginsAHead(bytes)) {
        state = State.HEAD;
        arm(headMillis, "a complete request head", "http.requestHeadTimeoutSeconds");
      }
      ctx.fireChannelRead(msg);
    }

    /** Whether the bytes hold more than the CR and LF that RFC 9112 lets a client send between requests. */
    private static boolean beginsAHead(ByteBuf bytes) {
      return bytes.forEachByte(b -> b == '\r' || b == '\n') >= 0;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      disarm();
      ctx.fireChannelInactive();
    }
  }

  /** Sees the decoded messages: a head (maybe with a body to come), then the end of the request. */
  private final class Messages extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpRequest request) {
        disarm();
        state = State.BODY;
        // A request the decoder failed on is answered and its connection closed by the server.
        if (request.decoderResult().isSuccess()
            && (HttpUtil.getContentLength(request, 0L) > 0 || HttpUtil.isTransferEncodingChunked(request))) {
          arm(bodyMillis, "the request body", "http.requestBodyTimeoutSeconds");
        }
      }
      if (msg instanceof LastHttpContent) {
        disarm();
        state = State.IDLE;
      }
      ctx.fireChannelRead(msg);
    }
  }

  private void arm(long millis, String what, String key) {
    disarm();
    if (millis > 0) {
      timer = channel.executor().schedule(() -> expire(millis, what, key), millis, TimeUnit.MILLISECONDS);
    }
  }

  private void disarm() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  private void expire(long millis, String what, String key) {
    timer = null;
    if (!channel.channel().isActive()) {
      return;
    }
    if (!channel.channel().config().isAutoRead()) {
      // The server has stopped reading (requests queued, or a handler waiting): the client is not the slow one.
      arm(millis, what, key);
      return;
    }
    LOG.info("Closed a connection from {}: {} did not arrive within {} s ({})", channel.channel().remoteAddress(),
        what, millis / 1000, key);
    metrics.rejected(408);
    channel.close();
  }
}
