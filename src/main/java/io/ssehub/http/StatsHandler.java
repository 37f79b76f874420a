package io.ssehub.http;

import io.ssehub.publish.Publisher;
import io.ssehub.sse.ConnectionRegistry;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /stats}: live counters as JSON, read from the registry and the publisher at request time. */
public final class StatsHandler implements Handler<RoutingContext> {

  private final ConnectionRegistry registry;
  private final Publisher publisher;

  public StatsHandler(ConnectionRegistry registry, Publisher publisher) {
    this.registry = registry;
    this.publisher = publisher;
  }

  @Override
  public void handle(RoutingContext ctx) {
    JsonObject stats = new JsonObject()
        .put("connections", registry.connections())
        .put("subscriptions", registry.subscriptions())
        .put("published", publisher.counts().byTopic())
        .put("publishedTotal", publisher.counts().total())
        .put("delivered", registry.delivered())
        .put("slowClientsDropped", registry.slowClientsDropped())
        .put("replays", registry.replays())
        .put("replayedEvents", registry.replayedEvents())
        .put("history", publisher.historyStats());
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(stats.encodePrettily() + "\n");
  }
}
