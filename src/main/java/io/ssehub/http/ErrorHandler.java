package io.ssehub.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.ssehub.text.SafeText;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's failure handler: every error is answered in plain text, with no stack trace. A {@link ClientError}
 * keeps its status and message and is logged at WARN; anything else is a bug, logged at ERROR and answered 500.
 */
public final class ErrorHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);

  @Override
  public void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    int status;
    String message;
    if (failure instanceof ClientError error) {
      status = error.status();
      message = error.getMessage();
      LOG.warn("Rejected {} {} from {} with {}: {}", ctx.request().method().name(),
          SafeText.quote(ctx.request().path()), ctx.request().remoteAddress(), status, message);
    } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      // Refused by vert.x itself (no route, an undecodable request): the status says it all.
      status = ctx.statusCode();
      message = HttpResponseStatus.valueOf(status).reasonPhrase();
    } else {
      status = 500;
      message = "Internal server error";
      LOG.error("Failed to handle {} {}", ctx.request().method().name(), SafeText.quote(ctx.request().path()),
          failure);
    }
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      // Too late for a status: cut the response so the client sees an error rather than a truncated success.
      ctx.request().connection().close();
      return;
    }
    response.setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
        .putHeader("X-Content-Type-Options", "nosniff")
        .end(message + "\n");
  }
}
