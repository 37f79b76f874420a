package io.ssehub.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;

/**
 * Turns a request line whose version is neither HTTP/1.1 nor HTTP/1.0 ({@code HTTP/9.9}, or the HTTP/2 preface
 * {@code PRI * HTTP/2.0} while cleartext HTTP/2 is off) into a malformed request, read as HTTP/1.1, so that
 * {@link MalformedRequestHandler} answers it like every other: a 400 in HTTP/1.1 with a plain message, in its turn
 * after any request still being answered on the connection, which is then closed; nothing after it is read. Left
 * alone, Vert.x would answer {@code HTTP/9.9 501} with an empty body, in a version it does not speak. It sits among the
 * decoded messages of an HTTP/1.x connection, before the server's handler.
 */
final class HttpVersionCheck extends ChannelInboundHandlerAdapter {

  /** The decoder failure a request of an unsupported version is given. */
  static final class UnsupportedVersion extends IllegalArgumentException {
    private final String version;

    UnsupportedVersion(String version) {
      super("unsupported protocol version " + version, null);
      this.version = version;
    }

    String version() {
      return version;
    }
  }

  /** Set once a request was refused: what follows it on the connection is not read (the HTTP/2 preface's rest). */
  private boolean refused;

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (refused) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof HttpRequest request && request.decoderResult().isSuccess()
        && !isSupported(request.protocolVersion())) {
      refused = true;
      request.setDecoderResult(DecoderResult.failure(new UnsupportedVersion(request.protocolVersion().text())));
      request.setProtocolVersion(HttpVersion.HTTP_1_1);
    }
    ctx.fireChannelRead(msg);
  }

  private static boolean isSupported(HttpVersion version) {
    return version.equals(HttpVersion.HTTP_1_1) || version.equals(HttpVersion.HTTP_1_0);
  }
}
