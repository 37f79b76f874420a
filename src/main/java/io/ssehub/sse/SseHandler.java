package io.ssehub.sse;

import io.ssehub.config.SseConfig;
import io.ssehub.event.Topic;
import io.ssehub.http.ClientError;
import io.ssehub.http.QueryParams;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /sse?topics=a,b}: validates the request, then hands the response to a new {@link SseConnection}.
 * One instance per HTTP verticle; it knows the connections opened on its event loop so that it can end them all on
 * shutdown.
 */
public final class SseHandler implements Handler<RoutingContext> {

  private final SseConfig config;
  private final ConnectionRegistry registry;
  private final Buffer opening;
  private final Set<SseConnection> open = new HashSet<>();
  private boolean stopping;

  public SseHandler(SseConfig config, ConnectionRegistry registry) {
    this.config = config;
    this.registry = registry;
    this.opening = SseEncoder.retry(config.retryMillis());
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (stopping) {
      // A request pipelined behind a stream that shutdown just ended: refuse it rather than open a stream that
      // the closing server would cut without a clean end.
      ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
      throw new ClientError(503, "The server is shutting down: reconnect shortly");
    }
    List<Topic> topics = TopicsParam.parse(QueryParams.all(ctx, TopicsParam.NAME), config.maxTopicsPerConnection());
    new SseConnection(ctx, topics, registry, open).open(opening, config.maxQueuedBytesPerConnection());
  }

  /**
   * Ends every stream opened through this handler with a clean end of the chunked body, and refuses new ones from
   * then on (503). Call it on the handler's event loop.
   *
   * @return how many streams were ended
   */
  public int endAll() {
    stopping = true;
    List<SseConnection> toEnd = new ArrayList<>(open);
    toEnd.forEach(connection -> connection.close(CloseReason.SHUTDOWN));
    return toEnd.size();
  }
}
