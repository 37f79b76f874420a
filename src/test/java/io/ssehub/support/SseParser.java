package io.ssehub.support;

import java.util.ArrayList;
import java.util.List;

/**
 * A test-side {@code text/event-stream} parser that follows the HTML specification's algorithm: lines end with
 * CRLF, CR or LF (also across chunk boundaries); {@code :} starts a comment; one space after the colon is dropped;
 * a blank line dispatches the event unless its data is empty. Independent of the server's encoder, so the two
 * check each other.
 */
public final class SseParser {

  /** One dispatched event, as a browser's EventSource would see it. */
  public record ParsedEvent(String lastEventId, String type, String data) {
  }

  private final StringBuilder line = new StringBuilder();
  private final List<ParsedEvent> events = new ArrayList<>();
  private final List<String> comments = new ArrayList<>();
  private StringBuilder data = new StringBuilder();
  private String type = "";
  private String lastEventId = "";
  private Long retry;
  private boolean pendingCr;

  public void feed(String chunk) {
    for (int i = 0; i < chunk.length(); i++) {
      char c = chunk.charAt(i);
      if (pendingCr) {
        pendingCr = false;
        if (c == '\n') {
          continue;
        }
      }
      if (c == '\r') {
        pendingCr = true;
        endLine();
      } else if (c == '\n') {
        endLine();
      } else {
        line.append(c);
      }
    }
  }

  private void endLine() {
    String text = line.toString();
    line.setLength(0);
    if (text.isEmpty()) {
      dispatch();
      return;
    }
    if (text.charAt(0) == ':') {
      comments.add(text.substring(1).startsWith(" ") ? text.substring(2) : text.substring(1));
      return;
    }
    int colon = text.indexOf(':');
    String field = colon < 0 ? text : text.substring(0, colon);
    String value = colon < 0 ? "" : text.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    switch (field) {
      case "data" -> data.append(value).append('\n');
      case "event" -> type = value;
      case "id" -> {
        if (value.indexOf('\0') < 0) {
          lastEventId = value;
        }
      }
      case "retry" -> {
        if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
          retry = Long.parseLong(value);
        }
      }
      default -> { }
    }
  }

  private void dispatch() {
    if (data.length() == 0) {
      type = "";
      return;
    }
    data.setLength(data.length() - 1);
    events.add(new ParsedEvent(lastEventId, type.isEmpty() ? "message" : type, data.toString()));
    data = new StringBuilder();
    type = "";
  }

  public List<ParsedEvent> events() {
    return events;
  }

  public List<String> comments() {
    return comments;
  }

  /** The reconnection time last set by a {@code retry:} line, or null. */
  public Long retry() {
    return retry;
  }
}
