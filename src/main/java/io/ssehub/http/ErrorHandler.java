package io.ssehub.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.ssehub.metrics.HubMetrics;
import io.ssehub.text.SafeText;
import io.ssehub.web.ClientError;
import io.ssehub.web.Hangup;
import io.ssehub.web.QueryParams;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.StreamResetException;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's failure and error handler: every error is answered in plain text, with no stack trace. A
 * {@link ClientError} keeps its status and message; the router's own refusals (a malformed path, no route) keep
 * their status. Refusals are logged at WARN, except 404 (DEBUG: browsers ask for favicons); a client that left before
 * its answer is logged at DEBUG and counted as aborted; anything else is a bug, logged at ERROR and answered 500.
 */
public final class ErrorHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);

  private final HubMetrics metrics;

  public ErrorHandler(HubMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void handle(RoutingContext ctx) {
    respond(ctx, ctx.statusCode());
  }

  /**
   * The handler for the router's own errors of one status ({@code Router.errorHandler}), which may reach it without
   * the status set on the context.
   */
  public Handler<RoutingContext> forStatus(int status) {
    return ctx -> respond(ctx, status);
  }

  private void respond(RoutingContext ctx, int statusHint) {
    Throwable failure = ctx.failure();
    if (clientLeft(failure)) {
      // Nobody is there to answer: a client that hangs up mid-request is not a server error.
      LOG.debug("{} {} from {}: the client left before the answer ({})", ctx.request().method().name(),
          SafeText.quoteLatin1Bytes(ctx.request().path()), ctx.request().remoteAddress(), failure);
      metrics.aborted();
      return;
    }
    int status;
    String message;
    if (failure instanceof ClientError error) {
      status = error.status();
      message = error.getMessage();
    } else if (statusHint == 400) {
      // Refused by the router itself: an undecodable path, a missing Host header.
      status = 400;
      message = "Malformed request " + SafeText.quoteLatin1Bytes(ctx.request().method().name() + " "
          + QueryParams.redactedUri(ctx));
    } else if (statusHint > 400 && statusHint < 500) {
      status = statusHint;
      message = HttpResponseStatus.valueOf(status).reasonPhrase();
    } else {
      status = 500;
      message = "Internal server error";
      LOG.error("Failed to handle {} {}", ctx.request().method().name(),
          SafeText.quoteLatin1Bytes(ctx.request().path()), failure);
    }
    if (status == 404) {
      LOG.debug("Not found: {} {}", ctx.request().method().name(), SafeText.quoteLatin1Bytes(ctx.request().path()));
    } else if (status < 500) {
      LOG.warn("Rejected {} {} from {} with {}: {}", ctx.request().method().name(),
          SafeText.quoteLatin1Bytes(ctx.request().path()), ctx.request().remoteAddress(), status, message);
    }
    if (status != 500) {
      // A 500 is a bug, not a refusal; it is logged at ERROR above.
      metrics.rejected(status);
    }
    HttpServerResponse response = ctx.response();
    if (response.closed()) {
      // Gone while the request was handled: nobody to answer, but the refusal or the bug is logged above.
      return;
    }
    if (response.headWritten()) {
      // Too late for a status: cut the response so the client sees an error rather than a truncated success.
      Hangup.now(ctx);
      return;
    }
    response.setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
        .putHeader("X-Content-Type-Options", "nosniff")
        .end(message + "\n");
  }

  private static boolean clientLeft(Throwable failure) {
    return failure instanceof HttpClosedException || failure instanceof StreamResetException;
  }
}
