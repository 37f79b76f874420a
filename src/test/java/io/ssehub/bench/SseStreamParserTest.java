package io.ssehub.bench;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The load tool's parser, fed byte by byte and in one piece: every line ending, comments, ids, multi-line data. */
class SseStreamParserTest {

  private static List<SseStreamParser.ParsedEvent> parse(String stream, boolean byteByByte) {
    List<SseStreamParser.ParsedEvent> events = new ArrayList<>();
    SseStreamParser parser = new SseStreamParser(events::add);
    byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
    if (byteByByte) {
      for (int i = 0; i < bytes.length; i++) {
        parser.feed(bytes, i, 1);
      }
    } else {
      parser.feed(bytes, 0, bytes.length);
    }
    return events;
  }

  private static void both(String stream, List<SseStreamParser.ParsedEvent> expected) {
    assertEquals(expected, parse(stream, false));
    assertEquals(expected, parse(stream, true));
  }

  @Test
  void lineEndingsLfCrAndCrlf() {
    List<SseStreamParser.ParsedEvent> expected = List.of(
        new SseStreamParser.ParsedEvent("1", "message", "a"),
        new SseStreamParser.ParsedEvent("2", "message", "b"));
    both("id: 1\ndata: a\n\nid: 2\ndata: b\n\n", expected);
    both("id: 1\rdata: a\r\rid: 2\rdata: b\r\r", expected);
    both("id: 1\r\ndata: a\r\n\r\nid: 2\r\ndata: b\r\n\r\n", expected);
  }

  @Test
  void multiLineDataTypesCommentsAndCarriedIds() {
    List<SseStreamParser.ParsedEvent> events = new ArrayList<>();
    SseStreamParser parser = new SseStreamParser(events::add);
    byte[] bytes = ("retry: 2000\n\n: heartbeat\n\nid: 7\nevent: tick\ndata: one\ndata:two\ndata: é✓\n\n"
        + "data: no id line\n\n").getBytes(StandardCharsets.UTF_8);
    parser.feed(bytes, 0, bytes.length);
    assertEquals(List.of(
        new SseStreamParser.ParsedEvent("7", "tick", "one\ntwo\né✓"),
        new SseStreamParser.ParsedEvent("7", "message", "no id line")), events);
    assertEquals(1, parser.comments());
  }

  @Test
  void emptyDataIsAnEventButNoDataIsNot() {
    both("data:\n\nevent: x\n\n", List.of(new SseStreamParser.ParsedEvent("", "message", "")));
  }
}
