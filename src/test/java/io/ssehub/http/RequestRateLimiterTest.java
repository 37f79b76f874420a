package io.ssehub.http;

import io.ssehub.support.ManualClock;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rate limiter's memory is bounded whatever the number of client addresses. */
class RequestRateLimiterTest {

  @Test
  void remembersAtMostItsBoundOfAddressesAndForgetsTheLeastRecent() {
    ManualClock clock = new ManualClock();
    RequestRateLimiter limiter = new RequestRateLimiter(1, clock);
    assertTrue(limiter.tryAcquire("10.0.0.0"));
    assertFalse(limiter.tryAcquire("10.0.0.0"), "one request per second");
    for (int i = 1; i <= RequestRateLimiter.MAX_ADDRESSES; i++) {
      assertTrue(limiter.tryAcquire("10.1." + (i / 256) + "." + (i % 256)));
    }
    assertEquals(RequestRateLimiter.MAX_ADDRESSES, limiter.trackedAddresses());
    assertTrue(limiter.tryAcquire("10.0.0.0"), "the least recent address was forgotten, and starts afresh");
    assertEquals(RequestRateLimiter.MAX_ADDRESSES, limiter.trackedAddresses());
  }
}
