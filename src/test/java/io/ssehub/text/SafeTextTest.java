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
}
