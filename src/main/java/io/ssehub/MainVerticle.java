package io.ssehub;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ssehub.auth.AccessPolicy;
import io.ssehub.cluster.HubCluster;
import io.ssehub.config.ServerConfig;
import io.ssehub.event.Event;
import io.ssehub.event.EventCodec;
import io.ssehub.event.EventIds;
import io.ssehub.history.MemoryHistory;
import io.ssehub.http.AccessControl;
import io.ssehub.http.HttpServices;
import io.ssehub.http.HttpVerticle;
import io.ssehub.http.Readiness;
import io.ssehub.http.RequestRateLimiter;
import io.ssehub.mercure.MercureProtocol;
import io.ssehub.metrics.HubCounts;
import io.ssehub.metrics.HubMetrics;
import io.ssehub.publish.ClusterPublishing;
import io.ssehub.publish.Generators;
import io.ssehub.publish.PublishBusApi;
import io.ssehub.publish.Publisher;
import io.ssehub.sse.ConnectionRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.healthchecks.HealthChecks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wires the hub: registers the event codec, builds the shared publisher and registry, then deploys the HTTP
 * verticle and, while this node leads its cluster (always, on its own), one time generator per configured topic.
 * Its start future fails if any of them fails.
 */
public final class MainVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(MainVerticle.class);

  /** How often history is swept for events past their age, so that idle topics age out too. */
  private static final long HISTORY_SWEEP_MILLIS = 1000;

  private final ServerConfig config;
  private final HubCluster cluster;
  private final Clock clock;
  private Publisher publisher;
  private ConnectionRegistry registry;
  private final Readiness readiness = new Readiness();
  private final PrometheusMeterRegistry prometheus;
  /** Negative ports ask vert.x for one random port shared by every instance; each hub needs its own. */
  private static final AtomicInteger SHARED_RANDOM_PORTS = new AtomicInteger();

  private final List<HttpVerticle> http = new CopyOnWriteArrayList<>();
  private long sweepTimer = -1;
  private ClusterPublishing clusterPublishing;

  public MainVerticle(ServerConfig config, Clock clock) {
    this(config, clock, HubMetrics.newRegistry());
  }

  /**
   * @param prometheus the registry {@code /metrics} serves; Vert.x's own meters land there too when the Vert.x
   *                   instance was built with {@link HubMetrics#vertx}
   */
  public MainVerticle(ServerConfig config, Clock clock, PrometheusMeterRegistry prometheus) {
    this(config, clock, prometheus, HubCluster.standalone());
  }

  /** @param cluster this node's view of its cluster, when it is one of several */
  public MainVerticle(ServerConfig config, Clock clock, PrometheusMeterRegistry prometheus, HubCluster cluster) {
    this.cluster = cluster;
    this.prometheus = prometheus;
    this.config = config;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    vertx.eventBus().registerDefaultCodec(Event.class, new EventCodec());
    EventIds ids = new EventIds(cluster.epochMillis(clock.millis()));
    publisher = new Publisher(vertx.eventBus(), new MemoryHistory(config.history(), ids), ids, clock);
    registry = new ConnectionRegistry(config.sse().maxConnections(), config.sse().maxConnectionsPerIp());
    int instances = config.http().effectiveInstances();
    int port = config.http().port();
    int listenPort = port == 0 && instances > 1 ? -SHARED_RANDOM_PORTS.incrementAndGet() : port;
    sweepTimer = vertx.setPeriodic(HISTORY_SWEEP_MILLIS, id -> publisher.evictExpired());
    List<Future<?>> deployments = new ArrayList<>();
    deployments.add(PublishBusApi.register(vertx.eventBus(), publisher, config.publish()).completion());
    HubMetrics metrics = new HubMetrics(config.metrics().enabled(), prometheus, new HubCounts(registry::connections,
        registry::subscriptionCount, publisher.counts()::total, registry::delivered, registry::slowClientsDropped,
        registry::replays, registry::replayedEvents));
    if (cluster.clustered()) {
      clusterPublishing = new ClusterPublishing(vertx.eventBus(), publisher, config.publish(), metrics, clock);
      deployments.add(clusterPublishing.start(cluster));
      metrics.clusterView(cluster::memberCount, cluster::leader, publisher::feedGaps);
    }
    HealthChecks healthChecks = HealthChecks.create(vertx);
    readiness.register(healthChecks, cluster);
    HttpServices services = new HttpServices(registry, publisher, cluster,
        new RequestRateLimiter(config.publish().maxRequestsPerSecondPerIp(), clock), readiness, healthChecks,
        new AccessControl(AccessPolicy.create(vertx, config.auth()), config.auth().cookieName(), metrics), metrics,
        clock, config.mercure().enabled()
            ? new MercureProtocol(vertx, config.mercure(), config.publish(), publisher, metrics) : null);
    deployments.add(vertx.deployVerticle(() -> {
      HttpVerticle verticle = new HttpVerticle(config, listenPort, services);
      http.add(verticle);
      return verticle;
    }, new DeploymentOptions().setInstances(instances)));
    deployments.add(new Generators(vertx, config.generators(), publisher, clock).follow(cluster));
    String host = config.http().host();
    String urlHost = host.contains(":") ? "[" + host + "]" : host;
    return Future.all(deployments)
        .onSuccess(all -> readiness.serving())
        .onSuccess(all -> LOG.info("ssehub listening on {}://{}:{}/ (config: {}, {} event loop(s))",
            config.http().tls() == null ? "http" : "https", urlHost, port(), config.source(), instances));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(sweepTimer);
    vertx.eventBus().unregisterDefaultCodec(Event.class);
    if (clusterPublishing != null) {
      clusterPublishing.stop();
    }
    return Future.succeededFuture();
  }

  /** The HTTP port actually bound; valid once started. */
  public int port() {
    return http.get(0).actualPort();
  }

  /** The distinct ports bound by the HTTP verticles: one, since they share it. */
  public List<Integer> boundPorts() {
    return http.stream().map(HttpVerticle::actualPort).distinct().toList();
  }

  /** The hub's publish path, for code running in the same JVM. */
  public Publisher publisher() {
    return publisher;
  }

  /** Live connection counts. */
  public ConnectionRegistry registry() {
    return registry;
  }
}
