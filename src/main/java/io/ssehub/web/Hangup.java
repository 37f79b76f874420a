package io.ssehub.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * Ending an exchange early, as its protocol allows. Over HTTP/1.x only the whole connection can go, and the client is
 * told with {@code Connection: close}. Over HTTP/2 the connection carries the client's other streams: only this
 * stream is reset, and no {@code Connection} header is ever sent (HTTP/2 forbids hop-by-hop headers).
 */
public final class Hangup {

  private Hangup() {
  }

  /** The connection should not carry another request once this answer is out. */
  public static void afterResponse(RoutingContext ctx) {
    if (isHttp2(ctx)) {
      return;
    }
    ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
    ctx.addEndHandler(ended -> ctx.request().connection().close());
  }

  /** Cuts the exchange now: the stream on HTTP/2, the connection on HTTP/1.x. */
  public static void now(RoutingContext ctx) {
    if (isHttp2(ctx)) {
      ctx.response().reset();
    } else {
      ctx.request().connection().close();
    }
  }

  /** Whether the request came over HTTP/2. */
  public static boolean isHttp2(RoutingContext ctx) {
    return ctx.request().version() == HttpVersion.HTTP_2;
  }
}
