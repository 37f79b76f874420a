package io.ssehub.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SafeTextTest {

  @Test
  void quotesAndEscapes() {
    assertEquals("\"plain é ✓\"", SafeText.quote("plain é ✓"));
    assertEquals("\"a\\u000Ab\\u000Dc\\u0000\"", SafeText.quote("a\nb\rc\0"));
    assertEquals("\"\\\"<script>\\\\\"", SafeText.quote("\"<script>\\"));
    assertEquals("\"a\\u2028b\\u00A0c\\u202Ed\"", SafeText.quote("a\u2028b\u00a0c\u202ed"));
  }

  @Test
  void shortensLongValues() {
    assertEquals("\"" + "y".repeat(64) + "\"… (100 characters)", SafeText.quote("y".repeat(100)));
    assertEquals("\"" + "y".repeat(64) + "\"", SafeText.quote("y".repeat(64)));
  }

  @Test
  void showsBytesAsUtf8WithBadBytesEscaped() {
    assertEquals("\"été\"", SafeText.quoteBytes("été".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertEquals("\"a\\xFF\\xC3(\\u000A\"", SafeText.quoteBytes(new byte[] {'a', (byte) 0xff, (byte) 0xc3, '(', '\n'}));
    assertEquals("\"\u00e9\\xE9\"", SafeText.quoteLatin1Bytes("\u00c3\u00a9\u00e9"));
    assertEquals("\"" + "y".repeat(64) + "\"… (100 bytes)", SafeText.quoteBytes("y".repeat(100).getBytes()));
  }
}
