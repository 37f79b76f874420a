package io.ssehub.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ssehub.config.MetricsConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;

import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * ssehub's meters, in the Prometheus registry that {@code GET /metrics} serves (with Vert.x's own meters when the
 * Vert.x instance was built with {@link #vertx}). Counts the SSE side already keeps are read at scrape time,
 * at no cost per event; the delivery latency is recorded once per event per event loop, weighted by the streams
 * reached. No label names a topic or a client, so
 * the number of series stays fixed whatever clients do.
 */
public final class HubMetrics {

  private final boolean enabled;
  private final PrometheusMeterRegistry registry;
  private final MillisHistogram deliveryLatency = new MillisHistogram("ssehub_delivery_latency_seconds",
      "From publication to the write on a stream, per delivery (millisecond clock)");
  private final MillisHistogram feedDelay = new MillisHistogram("ssehub_cluster_feed_delay_seconds",
      "From publication on the cluster's leader to this node applying the event (millisecond clocks of two nodes)");

  /**
   * @param enabled false when nothing serves the meters ({@code metrics.enabled: false}): then recording costs
   *                nothing, not even on the hot path
   */
  public HubMetrics(boolean enabled, PrometheusMeterRegistry registry, HubCounts counts) {
    this.enabled = enabled;
    this.registry = registry;
    Gauge.builder("ssehub.connections", counts.connections()::getAsInt)
        .description("Open SSE streams").register(registry);
    Gauge.builder("ssehub.subscriptions", counts.subscriptions()::getAsInt)
        .description("Subscriptions of open streams (one per topic per stream)").register(registry);
    counter("ssehub.events.published", "Events published", counts.published());
    counter("ssehub.events.delivered", "Events written to streams, replayed ones excluded", counts.delivered());
    counter("ssehub.slow.clients.dropped", "Streams closed because the client could not keep up",
        counts.slowClientsDropped());
    counter("ssehub.replays", "Subscriptions that received events from history", counts.replays());
    counter("ssehub.replayed.events", "Events sent from history", counts.replayedEvents());
    registry.getPrometheusRegistry().register(deliveryLatency);
  }

  private void counter(String name, String description, LongSupplier count) {
    FunctionCounter.builder(name, count, LongSupplier::getAsLong).description(description).register(registry);
  }

  /**
   * The cluster's meters, for a node that is one of several: members seen, whether it leads, gaps found in the feed,
   * and the feed's delay ({@link #fedAfter}).
   */
  public void clusterView(IntSupplier members, BooleanSupplier leader, LongSupplier feedGaps) {
    Gauge.builder("ssehub.cluster.members", members::getAsInt)
        .description("Members of the cluster this node sees").register(registry);
    Gauge.builder("ssehub.cluster.leader", () -> leader.getAsBoolean() ? 1 : 0)
        .description("1 when this node leads the cluster (sequences events, runs the generators)").register(registry);
    counter("ssehub.cluster.feed.gaps", "Times this node found it had missed events of the cluster's feed", feedGaps);
    registry.getPrometheusRegistry().register(feedDelay);
  }

  /** An event of the cluster's feed applied here, {@code delayMillis} after the leader published it. */
  public void fedAfter(long delayMillis) {
    if (enabled) {
      feedDelay.record(delayMillis, 1);
    }
  }

  /** A registry for {@code /metrics}. */
  public static PrometheusMeterRegistry newRegistry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  /**
   * A Vert.x instance on {@code transport} that reports its own metrics into {@code registry}, as configured, with
   * ssehub's HTTP request meters in place of Vert.x's ({@link HttpRequestMeters}).
   */
  public static Vertx vertx(MetricsConfig config, PrometheusMeterRegistry registry, Transport transport) {
    return vertxBuilder(config, registry, transport, new VertxOptions()).build();
  }

  /** The builder of {@link #vertx}, on {@code options}, for a hub that is yet to choose a cluster manager. */
  public static VertxBuilder vertxBuilder(MetricsConfig config, PrometheusMeterRegistry registry, Transport transport,
                                          VertxOptions options) {
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
        .setEnabled(config.enabled())
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
        .setJvmMetricsEnabled(config.jvm());
    if (!config.eventBus()) {
      metrics.addDisabledMetricsCategory(MetricsDomain.EVENT_BUS);
    }
    MicrometerMetricsFactory micrometer = new MicrometerMetricsFactory(registry);
    return Vertx.builder()
        .with(options.setMetricsOptions(metrics))
        .withMetrics(opts -> new HubVertxMetrics(micrometer.metrics(opts), new HttpRequestMeters(registry)))
        .withTransport(transport);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** One event written to {@code streams} streams in one pass, {@code latencyMillis} after its publication. */
  public void delivered(long latencyMillis, int streams) {
    if (!enabled) {
      return;
    }
    deliveryLatency.record(latencyMillis, streams);
  }

  /** A request refused with this status (bounded: the statuses the hub answers with). */
  public void rejected(int status) {
    if (!enabled) {
      return;
    }
    Counter.builder("ssehub.requests.rejected").description("Requests refused, by status")
        .tag("status", Integer.toString(status)).register(registry).increment();
  }

  /** A request whose client left before its answer (a connection closed or a stream reset mid-request). */
  public void aborted() {
    if (!enabled) {
      return;
    }
    Counter.builder("ssehub.requests.aborted").description("Requests whose client left before the answer")
        .register(registry).increment();
  }

  /** A refused token or a missing one: {@code missing}, {@code invalid} or {@code forbidden}. */
  public void authFailure(String reason) {
    if (!enabled) {
      return;
    }
    Counter.builder("ssehub.auth.failures").description("Requests refused by authorization, by reason")
        .tag("reason", reason).register(registry).increment();
  }
}
