package io.ssehub.publish;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Formats an instant as the UTC time of day with microseconds, {@code HH:MM:SS.ffffff}. */
public final class TimeOfDay {

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

  private TimeOfDay() {
  }

  public static String format(Instant instant) {
    return FORMAT.format(instant);
  }
}
