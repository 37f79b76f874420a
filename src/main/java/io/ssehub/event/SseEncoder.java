package io.ssehub.event;


import java.nio.charset.StandardCharsets;

/**
 * The one place that turns events into {@code text/event-stream} bytes. Pure and stateless.
 *
 * <p>Output uses LF only. Data is split on every line break (CRLF, CR or LF) into several {@code data:} lines, so a
 * payload can never end an event early or smuggle in another field. Single-line fields ({@code id}, {@code event})
 * reject CR, LF and NUL outright: the caller validates them first, and a bug must fail loudly rather than let a
 * client forge fields (CWE-93).
 */
public final class SseEncoder {

  private SseEncoder() {
  }

  /** The {@code retry:} block that opens every stream: the reconnection delay and a blank line. */
  public static Frame retry(long millis) {
    if (millis < 0) {
      throw new IllegalArgumentException("retry must not be negative: " + millis);
    }
    return Frame.of(("retry: " + millis + "\n\n").getBytes(StandardCharsets.US_ASCII));
  }

  /** A comment block ({@code : text} and a blank line); line breaks in the text start new comment lines. */
  public static Frame comment(String text) {
    StringBuilder out = new StringBuilder(text.length() + 4);
    appendLines(out, ":", text);
    return Frame.of(out.append('\n').toString().getBytes(StandardCharsets.UTF_8));
  }

  /** A message with only data. */
  public static Frame event(String data) {
    return event(null, null, null, data);
  }

  /**
   * An event: {@code id}, {@code event}, {@code retry} (each only when not null), then the data lines, then a blank
   * line. This order is part of the wire format and is tested byte for byte.
   *
   * @throws IllegalArgumentException when {@code id} or {@code type} holds CR, LF or NUL, or retry is negative
   */
  public static Frame event(String id, String type, Long retry, String data) {
    StringBuilder out = new StringBuilder(data.length() + 32);
    appendField(out, "id", id);
    appendField(out, "event", type);
    if (retry != null) {
      if (retry < 0) {
        throw new IllegalArgumentException("retry must not be negative: " + retry);
      }
      out.append("retry: ").append(retry).append('\n');
    }
    appendLines(out, "data:", data);
    out.append('\n');
    return Frame.of(out.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void appendField(StringBuilder out, String name, String value) {
    if (value == null) {
      return;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\n' || c == '\r' || c == '\0') {
        throw new IllegalArgumentException(name + " must not contain CR, LF or NUL");
      }
    }
    out.append(name).append(": ").append(value).append('\n');
  }

  /** Appends {@code prefix value-line} for each line of {@code value}, treating CRLF, CR and LF as one break each. */
  private static void appendLines(StringBuilder out, String prefix, String value) {
    int start = 0;
    int length = value.length();
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c == '\r' || c == '\n') {
        out.append(prefix).append(' ').append(value, start, i).append('\n');
        if (c == '\r' && i + 1 < length && value.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    out.append(prefix).append(' ').append(value, start, length).append('\n');
  }
}
