package io.ssehub.auth;

import io.ssehub.event.Topic;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The selector forms of a token's topic lists, and the rules that the hub and the token command both apply. */
class TopicSelectorTest {

  @Test
  void parsesTheThreeForms() {
    assertEquals(new TopicSelector("", true), TopicSelector.parse("*"));
    assertEquals(new TopicSelector("orders/", true), TopicSelector.parse("orders/*"));
    assertEquals(new TopicSelector("orders/42", false), TopicSelector.parse("orders/42"));
    assertTrue(TopicSelector.parse("*").matches(Topic.of("anything")));
    assertTrue(TopicSelector.parse("orders/*").matches(Topic.of("orders/42")));
    assertFalse(TopicSelector.parse("orders/*").matches(Topic.of("orders")));
    assertFalse(TopicSelector.parse("orders/42").matches(Topic.of("orders/420")));
    assertNull(TopicSelector.problem("x".repeat(255) + "*"));
    assertNull(TopicSelector.problem("x".repeat(1024)));
  }

  @Test
  void rejectsWithTheRule() {
    assertEquals("a selector must not be empty (* stands for every topic)", TopicSelector.problem(""));
    assertEquals("a selector must not be empty (* stands for every topic)", TopicSelector.problem(null));
    assertEquals("a * may only end a selector, as in orders/*", TopicSelector.problem("a*b"));
    assertEquals("a * may only end a selector, as in orders/*", TopicSelector.problem("**"));
    assertEquals("a * may only end a selector, as in orders/*", TopicSelector.problem("*a"));
    assertEquals("a selector is at most 1024 characters, this one has 1025",
        TopicSelector.problem("x".repeat(1024) + "*"));
    assertEquals("a topic name must not contain whitespace (U+0020 found)", TopicSelector.problem("a b"));
    assertEquals("a topic name must not contain whitespace (U+0020 found)", TopicSelector.problem("a b*"));
    assertEquals("a topic name must not contain whitespace (U+0020 found)", TopicSelector.problem(" *"));
    assertEquals("a topic name must not contain commas", TopicSelector.problem("a,b"));
    assertEquals("a topic name must not contain control characters (U+000A found)", TopicSelector.problem("a\n*"));
    assertEquals("a topic name must not contain invisible format characters or lone surrogates (U+200B found)",
        TopicSelector.problem("\u200b"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TopicSelector.parse("a b"));
    assertEquals("a topic name must not contain whitespace (U+0020 found)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new TopicSelector("a*", true));
    assertThrows(IllegalArgumentException.class, () -> new TopicSelector("", false));
  }
}
