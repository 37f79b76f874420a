package io.ssehub.publish;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TimeOfDayTest {

  @Test
  void utcWithSixFractionalDigits() {
    assertEquals("05:44:05.849153", TimeOfDay.format(Instant.parse("2026-11-25T05:44:05.849153789Z")));
    assertEquals("00:00:00.000000", TimeOfDay.format(Instant.parse("2026-11-25T00:00:00Z")));
    assertEquals("23:59:59.999999", TimeOfDay.format(Instant.parse("2026-11-25T23:59:59.999999999Z")));
  }
}
