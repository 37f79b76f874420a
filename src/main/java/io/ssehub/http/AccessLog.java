package io.ssehub.http;

import io.ssehub.sse.SseStreams;
import io.ssehub.text.SafeText;
import io.ssehub.web.QueryParams;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request when it ends ({@code http.accessLog}), on the logger {@code ssehub.access}: client address,
 * method and URI, status, bytes of body written and duration; a stream's line comes when the stream ends. The
 * {@code access_token} parameter is hidden, and no header is written, so no token reaches the log.
 */
final class AccessLog implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger("ssehub.access");

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addEndHandler(result -> LOG.info("{} {} {} {} {} bytes {} ms{}",
        ctx.request().remoteAddress(),
        ctx.request().method().name(),
        SafeText.quoteLatin1Bytes(QueryParams.redactedUri(ctx)),
        ctx.response().getStatusCode(),
        bytesWritten(ctx),
        (System.nanoTime() - start) / 1_000_000,
        result.failed() ? " (connection closed)" : ""));
    ctx.next();
  }

  /** Body bytes written: a stream writes most of its own below the response, and says how many. */
  private static long bytesWritten(RoutingContext ctx) {
    Long stream = ctx.get(SseStreams.BYTES_WRITTEN);
    return ctx.response().bytesWritten() + (stream == null ? 0 : stream);
  }
}
