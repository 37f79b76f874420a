package io.ssehub.publish;

import io.ssehub.cluster.HubCluster;
import io.ssehub.config.GeneratorConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The configured time generators, which run once in a cluster: deployed while this node leads it (always, on its
 * own) and undeployed when it stops leading. When the leader dies, the next oldest member starts them.
 */
public final class Generators {

  private static final Logger LOG = LoggerFactory.getLogger(Generators.class);

  private final Vertx vertx;
  private final List<GeneratorConfig> configs;
  private final Publisher publisher;
  private final Clock clock;
  private final List<String> deployments = new ArrayList<>();
  private boolean running;

  public Generators(Vertx vertx, List<GeneratorConfig> configs, Publisher publisher, Clock clock) {
    this.vertx = vertx;
    this.configs = configs;
    this.publisher = publisher;
    this.clock = clock;
  }

  /**
   * Runs the generators whenever {@code cluster} says this node leads; call it on the main verticle's context.
   *
   * @return completes once the generators this node runs now have started
   */
  public Future<Void> follow(HubCluster cluster) {
    Promise<Void> first = Promise.promise();
    cluster.watchLeadership(leads -> {
      boolean changes = leads != running;
      Future<Void> change = leads ? start() : stop();
      if (changes && cluster.clustered() && !configs.isEmpty()) {
        change.onSuccess(v -> LOG.info("Generators {} on this node", leads ? "running" : "stopped"));
      }
      change.onComplete(first::tryComplete, first::tryFail);
    });
    return first.future();
  }

  private Future<Void> start() {
    if (running) {
      return Future.succeededFuture();
    }
    running = true;
    List<Future<String>> started = new ArrayList<>();
    for (GeneratorConfig config : configs) {
      started.add(vertx.deployVerticle(new TimeGeneratorVerticle(config, publisher, clock))
          .onSuccess(deployments::add));
    }
    return Future.all(started).mapEmpty();
  }

  private Future<Void> stop() {
    if (!running) {
      return Future.succeededFuture();
    }
    running = false;
    List<Future<Void>> stopped = new ArrayList<>();
    for (String id : deployments) {
      stopped.add(vertx.undeploy(id));
    }
    deployments.clear();
    return Future.all(stopped).mapEmpty();
  }
}
