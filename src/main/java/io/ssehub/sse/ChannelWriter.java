package io.ssehub.sse;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import io.ssehub.event.Frame;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.impl.HttpServerConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an HTTP/1.x stream's frames straight to its channel, below Vert.x's HTTP codec (from the context of a mark
 * that {@code http.ConnectionPipeline} puts there, else from the encoder's): each write is a duplicate
 * of the frame's shared chunk ({@link Frame#chunk()}, already framed as an HTTP/1.1 chunk), with Netty's void promise.
 * No copy, no chunk header and no promise is made per delivery, and the response object is not involved; Vert.x still
 * writes the head before and the last chunk after (its encoder is then in the chunked state these writes continue).
 * TLS, when on, still wraps these writes: its handler sits below the encoder.
 *
 * <p>Vert.x offers no public way to a connection's channel, so this reaches its internal connection type, as
 * {@code http.ConnectionPipeline} does; {@code WireIdentityTest} fails if the bytes on the wire stop being the
 * expected ones. The idle timeout's handler sits above the encoder and does not see these writes, so each flush tells
 * it that the connection wrote.
 */
final class ChannelWriter implements StreamWriter {

  private static final Logger LOG = LoggerFactory.getLogger(ChannelWriter.class);
  private static final String ENCODER = "httpEncoder";
  /** The handler just below the HTTP codec that the connection's pipeline gets for this (http.ConnectionPipeline). */
  private static final String STREAM_WRITES = "ssehub-stream-writes";
  private static volatile boolean warned;

  private final Channel channel;
  private final ChannelHandlerContext context;
  private final IdleStateHandler idle;
  private long bytes;

  private ChannelWriter(Channel channel, ChannelHandlerContext context, IdleStateHandler idle) {
    this.channel = channel;
    this.context = context;
    this.idle = idle;
  }

  /** A writer for an HTTP/1.x connection's channel, or null when this Vert.x does not expose it as expected. */
  static ChannelWriter of(HttpConnection connection) {
    if (connection instanceof HttpServerConnection internal) {
      ChannelPipeline pipeline = internal.channelHandlerContext().pipeline();
      ChannelHandlerContext writes = pipeline.context(STREAM_WRITES);
      if (writes == null) {
        writes = pipeline.context(ENCODER);
      }
      if (writes != null) {
        return new ChannelWriter(writes.channel(), writes, pipeline.get(IdleStateHandler.class));
      }
    }
    if (!warned) {
      warned = true;
      LOG.error("This Vert.x no longer exposes an HTTP/1.x connection's channel as expected: streams are written"
          + " through the response, which costs more per event");
    }
    return null;
  }

  @Override
  public boolean full() {
    return !channel.isWritable();
  }

  @Override
  public void write(Frame frame) {
    context.write(frame.chunk().duplicate(), context.voidPromise());
    bytes += frame.length();
  }

  @Override
  public void flush() {
    context.flush();
    if (idle != null) {
      idle.resetWriteTimeout();
    }
  }

  @Override
  public long bytesWritten() {
    return bytes;
  }
}
