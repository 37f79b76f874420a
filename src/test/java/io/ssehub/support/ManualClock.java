package io.ssehub.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only as the test says, for rules that depend on elapsed time: by {@link #advanceMillis}, and by
 * a fixed step at every reading when one is given.
 */
public final class ManualClock extends Clock {

  private final AtomicLong millis = new AtomicLong(System.currentTimeMillis());
  private final long stepPerReadingMillis;

  /** A clock that stands still until advanced. */
  public ManualClock() {
    this(0);
  }

  /** A clock that moves {@code stepPerReadingMillis} further at every reading. */
  public ManualClock(long stepPerReadingMillis) {
    this.stepPerReadingMillis = stepPerReadingMillis;
  }

  public void advanceMillis(long delta) {
    millis.addAndGet(delta);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public long millis() {
    return millis.addAndGet(stepPerReadingMillis);
  }
}
