package io.ssehub.http;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Requests per second per client address, as token buckets: each address may make {@code perSecond} requests in a
 * burst, and earns them back at {@code perSecond} a second. Shared by every HTTP verticle, so the limit holds
 * whichever event loop a request lands on. Bounded: it remembers at most {@link #MAX_ADDRESSES} addresses, the least
 * recently seen going first (a forgotten address starts again with a full bucket, which only loosens the limit).
 */
public final class RequestRateLimiter {

  static final int MAX_ADDRESSES = 10_000;

  private final int perSecond;
  private final Clock clock;
  private final Map<String, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
      return size() > MAX_ADDRESSES;
    }
  };

  private static final class Bucket {
    double tokens;
    long refilledAtMillis;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.refilledAtMillis = now;
    }
  }

  /**
   * @param perSecond requests per second per address; 0 for no limit
   * @param clock     the hub's clock
   */
  public RequestRateLimiter(int perSecond, Clock clock) {
    this.perSecond = perSecond;
    this.clock = clock;
  }

  public int perSecond() {
    return perSecond;
  }

  /** Takes one request from the address's bucket; false when it is empty (the request is over the limit). */
  public boolean tryAcquire(String address) {
    if (perSecond == 0) {
      return true;
    }
    long now = clock.millis();
    synchronized (buckets) {
      Bucket bucket = buckets.computeIfAbsent(address, key -> new Bucket(perSecond, now));
      long elapsed = Math.max(0, now - bucket.refilledAtMillis);
      bucket.tokens = Math.min(perSecond, bucket.tokens + elapsed * perSecond / 1000.0);
      bucket.refilledAtMillis = now;
      if (bucket.tokens < 1) {
        return false;
      }
      bucket.tokens -= 1;
      return true;
    }
  }

  /** Addresses currently remembered (for tests of the bound). */
  int trackedAddresses() {
    synchronized (buckets) {
      return buckets.size();
    }
  }
}
