package io.ssehub.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.ssehub.metrics.HubMetrics;
import io.ssehub.text.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/**
 * Answers a request line whose version is neither HTTP/1.1 nor HTTP/1.0 ({@code HTTP/9.9}, or the HTTP/2 preface
 * {@code PRI * HTTP/2.0} while cleartext HTTP/2 is off) with a 400 in HTTP/1.1 and a plain message, like every other
 * malformed request, then closes the connection. Vert.x would answer {@code HTTP/9.9 501} with an empty body, echoing
 * a version it does not speak. It sits among the decoded messages of an HTTP/1.x connection, before the server's
 * handler, and drops whatever follows the refused request.
 */
final class HttpVersionCheck extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(HttpVersionCheck.class);

  private final HubMetrics metrics;
  private boolean refused;

  HttpVersionCheck(HubMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (refused) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof HttpRequest request && request.decoderResult().isSuccess()
        && !isSupported(request.protocolVersion())) {
      refused = true;
      String version = request.protocolVersion().text();
      ReferenceCountUtil.release(msg);
      String message = "Malformed HTTP request: unsupported protocol version " + SafeText.quote(version)
          + ": this server speaks HTTP/1.1 and HTTP/1.0" + (version.equals("HTTP/2.0")
          ? " here (cleartext HTTP/2 needs http.h2c: true; with TLS it is offered through ALPN)" : "");
      metrics.rejected(400);
      LOG.warn("Rejected a malformed request from {} with 400: {}", ctx.channel().remoteAddress(), message);
      ctx.writeAndFlush(plain(message)).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    ctx.fireChannelRead(msg);
  }

  private static boolean isSupported(HttpVersion version) {
    return version.equals(HttpVersion.HTTP_1_1) || version.equals(HttpVersion.HTTP_1_0);
  }

  private static FullHttpResponse plain(String message) {
    byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
        Unpooled.wrappedBuffer(body));
    response.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
        .set("X-Content-Type-Options", "nosniff")
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    return response;
  }
}
