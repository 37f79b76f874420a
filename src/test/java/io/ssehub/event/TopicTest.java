package io.ssehub.event;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TopicTest {

  @Test
  void acceptsPrintableNamesUpTo1024Characters() {
    assertNull(Topic.problem("time"));
    assertNull(Topic.problem("orders/42:é.ü-✓"));
    assertNull(Topic.problem("😀".repeat(1024)));
    assertEquals("x".repeat(1024), Topic.of("x".repeat(1024)).name());
  }

  @Test
  void rejectsWithTheRule() {
    assertEquals("a topic name must not be empty", Topic.problem(""));
    assertEquals("a topic name is at most 1024 characters, this one has 1025", Topic.problem("x".repeat(1025)));
    assertEquals("a topic name must not contain control characters (U+000A found)", Topic.problem("a\nb"));
    assertEquals("a topic name must not contain control characters (U+0000 found)", Topic.problem("a\0"));
    assertEquals("a topic name must not contain invisible format characters or lone surrogates (U+200B found)",
        Topic.problem("a\u200bb"));
    assertEquals("a topic name must not contain invisible format characters or lone surrogates (U+D800 found)",
        Topic.problem("a\ud800b"));
    assertEquals("a topic name must not contain whitespace (U+2028 found)", Topic.problem("a\u2028b"));
    assertEquals("a topic name must not contain control characters (U+0009 found)", Topic.problem("a\tb"));
    assertEquals("a topic name must not contain commas", Topic.problem("a,b"));
    assertThrows(IllegalArgumentException.class, () -> Topic.of("a b"));
  }
}
