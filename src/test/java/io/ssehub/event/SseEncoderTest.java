package io.ssehub.event;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SseEncoderTest {

  private static String event(String data) {
    return SseEncoder.event(data).toString();
  }

  @Test
  void oneLine() {
    assertEquals("data: 05:44:05.849153\n\n", event("05:44:05.849153"));
  }

  @Test
  void lineFeedSplitsData() {
    assertEquals("data: a\ndata: b\n\n", event("a\nb"));
  }

  @Test
  void carriageReturnSplitsData() {
    assertEquals("data: a\ndata: b\n\n", event("a\rb"));
  }

  @Test
  void crlfIsOneBreak() {
    assertEquals("data: a\ndata: b\n\n", event("a\r\nb"));
  }

  @Test
  void mixedAndRepeatedBreaksKeepEmptyLines() {
    assertEquals("data: a\ndata: \ndata: b\ndata: \ndata: c\n\n", event("a\n\rb\r\n\nc"));
    assertEquals("data: a\ndata: \n\n", event("a\n"));
    assertEquals("data: \ndata: \n\n", event("\r\n"));
  }

  @Test
  void emptyData() {
    assertEquals("data: \n\n", event(""));
  }

  @Test
  void nonAsciiIsUtf8() {
    byte[] expected = "data: héllo ✓ 😀\n\n".getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(expected, SseEncoder.event("héllo ✓ 😀").buffer().getBytes());
  }

  @Test
  void idAndTypeComeBeforeData() {
    assertEquals("id: 7\nevent: tick\ndata: x\n\n", SseEncoder.event("7", "tick", null, "x").toString());
    assertEquals("id: 7\nevent: tick\nretry: 1500\ndata: x\ndata: y\n\n",
        SseEncoder.event("7", "tick", 1500L, "x\ny").toString());
    assertEquals("id: 7\nretry: 0\ndata: x\n\n", SseEncoder.event("7", null, 0L, "x").toString());
    assertEquals("event: e\ndata: x\n\n", SseEncoder.event(null, "e", null, "x").toString());
  }

  @Test
  void idAndTypeRejectLineBreaksAndNul() {
    for (String bad : new String[] {"a\nb", "a\rb", "a\0b"}) {
      assertThrows(IllegalArgumentException.class, () -> SseEncoder.event(bad, null, null, "x"));
      assertThrows(IllegalArgumentException.class, () -> SseEncoder.event(null, bad, null, "x"));
    }
  }

  @Test
  void negativeRetryIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> SseEncoder.event("1", null, -1L, "x"));
  }

  @Test
  void retryBlock() {
    assertEquals("retry: 2000\n\n", SseEncoder.retry(2000).toString());
    assertThrows(IllegalArgumentException.class, () -> SseEncoder.retry(-1));
  }

  @Test
  void commentLines() {
    assertEquals(": hb\n\n", SseEncoder.comment("hb").toString());
    assertEquals(": a\n: b\n\n", SseEncoder.comment("a\r\nb").toString());
  }
}
