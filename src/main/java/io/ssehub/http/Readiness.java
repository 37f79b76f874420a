package io.ssehub.http;

import io.ssehub.cluster.HubCluster;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the hub should be sent traffic: not while it starts (until every verticle is deployed), yes while it
 * serves, and not again once shutdown has begun, so that a load balancer takes it out of rotation while its streams
 * are ended. Registered as the {@code ready} check; {@code live} says only that an event loop answered.
 */
public final class Readiness {

  private enum State { STARTING, SERVING, STOPPING }

  private final AtomicReference<State> state = new AtomicReference<>(State.STARTING);

  /** Registers the {@code live} and {@code ready} procedures; {@code ready} also shows the node's cluster. */
  public void register(HealthChecks checks, HubCluster cluster) {
    checks.register("live", promise -> promise.complete(Status.OK()));
    checks.register("ready", promise -> {
      State now = state.get();
      JsonObject data = new JsonObject().put("state", now.name().toLowerCase(Locale.ROOT));
      if (cluster.clustered()) {
        data.put("cluster", new JsonObject().put("nodeId", cluster.nodeId()).put("members", cluster.memberCount())
            .put("leader", cluster.leader()));
      }
      promise.complete(now == State.SERVING ? Status.OK(data) : Status.KO(data));
    });
  }

  /** Every verticle is deployed. */
  public void serving() {
    state.compareAndSet(State.STARTING, State.SERVING);
  }

  /** Shutdown has begun; from now on the hub is never ready again. */
  public void stopping() {
    state.set(State.STOPPING);
  }
}
