package io.ssehub.cluster;

import com.hazelcast.config.Config;
import io.ssehub.config.ClusterConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts a clustered Vert.x on Hazelcast and waits, for at most {@code cluster.joinTimeoutSeconds}, until this node
 * is a member of a cluster of at least {@code cluster.minMembers}. A node that cannot join says why and by which key.
 */
public final class ClusterJoin {

  /** The node did not join; the message names the keys to look at. */
  public static final class Failed extends Exception {
    Failed(String message) {
      super(message);
    }
  }

  /** A joined node: its Vert.x instance and its view of the cluster. */
  public record Joined(Vertx vertx, HubCluster cluster) {
  }

  private ClusterJoin() {
  }

  /** The event bus's own options for a node: the host it announces and its port. */
  public static VertxOptions options(ClusterConfig cluster) {
    VertxOptions options = new VertxOptions();
    options.getEventBusOptions().setPort(cluster.eventBusPort());
    if (!cluster.host().isEmpty()) {
      options.getEventBusOptions().setHost(cluster.host());
    }
    return options;
  }

  /**
   * Joins; blocks the calling thread (the main thread, before anything serves) for at most the join timeout.
   *
   * @param builder a builder made with {@link #options}
   * @throws Failed when the node could not start Hazelcast or did not join in time
   */
  public static Joined join(ClusterConfig cluster, Config hazelcast, VertxBuilder builder)
      throws Failed, InterruptedException {
    HazelcastClusterManager manager = new HazelcastClusterManager(hazelcast);
    Vertx vertx;
    try {
      vertx = builder.withClusterManager(manager).buildClustered().toCompletionStage().toCompletableFuture()
          .get(cluster.joinTimeoutSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new Failed("did not join cluster \"" + cluster.name() + "\" within " + cluster.joinTimeoutSeconds()
          + " s (cluster.joinTimeoutSeconds): it needs " + cluster.minMembers() + " member(s) (cluster.minMembers),"
          + " looking for " + hazelcast.getNetworkConfig().getJoin().getTcpIpConfig().getMembers()
          + " (cluster.members)");
    } catch (ExecutionException e) {
      throw new Failed("could not start its cluster member: " + e.getCause().getMessage());
    }
    return new Joined(vertx, new HazelcastCluster(manager));
  }
}
