package io.ssehub.bench;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * An incremental {@code text/event-stream} parser for the load tool: bytes in, events out. Lines end with LF, CR or
 * CRLF (also split across chunks); comments are counted; multi-line data is joined with LF; the last event id is
 * carried over as a browser does. Decodes UTF-8 per line, so a character split across chunks is not broken.
 */
final class SseStreamParser {

  /** A dispatched event. */
  record ParsedEvent(String id, String type, String data) {
  }

  private final Consumer<ParsedEvent> sink;
  private byte[] line = new byte[256];
  private int lineLength;
  private boolean pendingCr;
  private final StringBuilder data = new StringBuilder();
  private boolean hasData;
  private String type = "";
  private String lastId = "";
  private long comments;

  SseStreamParser(Consumer<ParsedEvent> sink) {
    this.sink = sink;
  }

  void feed(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      byte b = bytes[i];
      if (pendingCr) {
        pendingCr = false;
        if (b == '\n') {
          continue;
        }
      }
      if (b == '\r') {
        pendingCr = true;
        endLine();
      } else if (b == '\n') {
        endLine();
      } else {
        if (lineLength == line.length) {
          byte[] bigger = new byte[line.length * 2];
          System.arraycopy(line, 0, bigger, 0, lineLength);
          line = bigger;
        }
        line[lineLength++] = b;
      }
    }
  }

  long comments() {
    return comments;
  }

  private void endLine() {
    if (lineLength == 0) {
      dispatch();
      return;
    }
    if (line[0] == ':') {
      comments++;
      lineLength = 0;
      return;
    }
    int colon = -1;
    for (int i = 0; i < lineLength; i++) {
      if (line[i] == ':') {
        colon = i;
        break;
      }
    }
    String field = new String(line, 0, colon < 0 ? lineLength : colon, StandardCharsets.UTF_8);
    int valueStart = colon < 0 ? lineLength : colon + 1;
    if (valueStart < lineLength && line[valueStart] == ' ') {
      valueStart++;
    }
    String value = new String(line, valueStart, lineLength - valueStart, StandardCharsets.UTF_8);
    lineLength = 0;
    switch (field) {
      case "data" -> {
        if (hasData) {
          data.append('\n');
        }
        data.append(value);
        hasData = true;
      }
      case "event" -> type = value;
      case "id" -> {
        if (value.indexOf('\0') < 0) {
          lastId = value;
        }
      }
      default -> { }
    }
  }

  private void dispatch() {
    if (hasData) {
      sink.accept(new ParsedEvent(lastId, type.isEmpty() ? "message" : type, data.toString()));
    }
    data.setLength(0);
    hasData = false;
    type = "";
  }
}
