package io.ssehub.metrics;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

import java.util.concurrent.atomic.LongAdder;

/**
 * A histogram of delays read on the millisecond clock, in seconds, whose observations may carry a weight: an event
 * reaches all the streams of one event loop in one pass, at one clock reading, so the pass records its latency once
 * with the number of streams it reached ({@code ssehub_delivery_latency_seconds}), which Micrometer's timers cannot
 * do. Read by Prometheus at scrape time; thread-safe.
 */
final class MillisHistogram implements Collector {

  /** Upper bounds of the buckets, in milliseconds; the last is +Inf. */
  private static final long[] BOUNDS_MILLIS = {1, 5, 10, 50, 100, 500, 1000, 5000};
  private static final double[] BOUNDS_SECONDS = {0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, Double.POSITIVE_INFINITY};

  private final String name;
  private final String help;
  private final LongAdder[] counts = new LongAdder[BOUNDS_SECONDS.length];
  private final LongAdder sumMillis = new LongAdder();

  /** @param name the Prometheus name, ending in {@code _seconds} */
  MillisHistogram(String name, String help) {
    this.name = name;
    this.help = help;
    for (int i = 0; i < counts.length; i++) {
      counts[i] = new LongAdder();
    }
  }

  /** {@code deliveries} observations, each {@code latencyMillis} (negative ones, from skewed clocks, count as 0). */
  void record(long latencyMillis, int deliveries) {
    long latency = Math.max(0, latencyMillis);
    int bucket = 0;
    while (bucket < BOUNDS_MILLIS.length && latency > BOUNDS_MILLIS[bucket]) {
      bucket++;
    }
    counts[bucket].add(deliveries);
    sumMillis.add(latency * deliveries);
  }

  @Override
  public MetricSnapshot collect() {
    long[] perBucket = new long[counts.length];
    for (int i = 0; i < counts.length; i++) {
      perBucket[i] = counts[i].sum();
    }
    return HistogramSnapshot.builder()
        .name(name)
        .help(help)
        .dataPoint(HistogramDataPointSnapshot.builder()
            .classicHistogramBuckets(ClassicHistogramBuckets.of(BOUNDS_SECONDS, perBucket))
            .sum(sumMillis.sum() / 1000.0)
            .build())
        .build();
  }

  @Override
  public String getPrometheusName() {
    return name;
  }
}
