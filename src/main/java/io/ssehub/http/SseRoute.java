package io.ssehub.http;

import io.ssehub.auth.Grants;
import io.ssehub.event.StreamProtocol;
import io.ssehub.event.StreamStyle;
import io.ssehub.sse.SseRequest;
import io.ssehub.sse.SseStreams;
import io.ssehub.web.ClientError;
import io.ssehub.web.Hangup;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /sse?topics=a,b}: refuses while the server shuts down, validates the request, checks its token, then
 * hands it to the streams of this event loop. Nothing is subscribed before all of that has passed.
 */
final class SseRoute implements Handler<RoutingContext> {

  private final SseStreams streams;
  private final AccessControl accessControl;
  private final int maxTopics;
  private final StreamStyle style;

  /**
   * @param maxTopics   {@code sse.maxTopicsPerConnection}
   * @param retryMillis {@code sse.retryMillis}, which opens every stream
   */
  SseRoute(SseStreams streams, AccessControl accessControl, int maxTopics, long retryMillis) {
    this.streams = streams;
    this.accessControl = accessControl;
    this.maxTopics = maxTopics;
    this.style = StreamProtocol.ssehub(retryMillis);
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (streams.stopping()) {
      // Shutdown has begun, or this request was pipelined behind a stream it just ended: refuse it rather than open
      // a stream the server would soon cut.
      Hangup.afterResponse(ctx);
      throw new ClientError(503, "The server is shutting down: reconnect shortly");
    }
    SseRequest request = SseRequest.parse(ctx, maxTopics);
    accessControl.authorizeSubscribe(ctx, request.topics()).onComplete(authorized -> {
      if (authorized.failed()) {
        ctx.fail(authorized.cause());
        return;
      }
      Grants grants = authorized.result();
      try {
        streams.open(ctx, request.toStream(style, grants == null ? null : grants.subscribable()),
            grants == null ? 0 : grants.expiresAtMillis());
      } catch (RuntimeException e) {
        ctx.fail(e);
      }
    });
  }
}
