package io.ssehub.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies in microseconds, in logarithmic buckets 1% wide: bounded memory whatever the number of samples, and
 * percentiles within 1%. Thread-safe.
 */
final class LatencyHistogram {

  private static final double LOG_STEP = Math.log(1.01);
  private static final int BUCKETS = 2_200;

  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
  private final AtomicLong total = new AtomicLong();
  private final AtomicLong max = new AtomicLong();

  void record(long micros) {
    long value = Math.max(1, micros);
    int bucket = Math.min(BUCKETS - 1, (int) (Math.log(value) / LOG_STEP));
    counts.incrementAndGet(bucket);
    total.incrementAndGet();
    max.accumulateAndGet(value, Math::max);
  }

  long count() {
    return total.get();
  }

  long max() {
    return max.get();
  }

  /** The upper bound of the bucket holding the given quantile (0..1), or 0 without samples. */
  long quantile(double q) {
    long n = total.get();
    if (n == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(q * n);
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts.get(i);
      if (seen >= rank) {
        return Math.min(max.get(), (long) Math.ceil(Math.exp((i + 1) * LOG_STEP)));
      }
    }
    return max.get();
  }
}
