package io.ssehub.http;

import io.ssehub.cluster.HubCluster;
import io.ssehub.publish.Publisher;
import io.ssehub.sse.ConnectionRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /stats}: live counters as JSON, read from the registry and the publisher at request time. */
public final class StatsHandler implements Handler<RoutingContext> {

  private final ConnectionRegistry registry;
  private final Publisher publisher;
  private final HubCluster cluster;

  public StatsHandler(ConnectionRegistry registry, Publisher publisher, HubCluster cluster) {
    this.registry = registry;
    this.publisher = publisher;
    this.cluster = cluster;
  }

  @Override
  public void handle(RoutingContext ctx) {
    JsonObject stats = new JsonObject()
        .put("connections", registry.connections())
        .put("subscriptions", registry.subscriptions())
        .put("patternSubscriptions", registry.patternSubscriptions())
        .put("busConsumers", registry.busConsumers())
        .put("published", publisher.counts().byTopic())
        .put("publishedTotal", publisher.counts().total())
        .put("delivered", registry.delivered())
        .put("slowClientsDropped", registry.slowClientsDropped())
        .put("replays", registry.replays())
        .put("replayedEvents", registry.replayedEvents())
        .put("history", publisher.historyStats());
    // The cluster's figures come from Hazelcast, over the network: never on the event loop.
    Future<JsonObject> clusterStats = cluster.clustered()
        ? ctx.vertx().executeBlocking(cluster::stats, false) : Future.succeededFuture(cluster.stats());
    clusterStats.onComplete(view -> ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(stats.put("cluster", cluster.clustered() ? view.put("feedGaps", publisher.feedGaps()) : view)
            .encodePrettily() + "\n"), ctx::fail);
  }
}
