package io.ssehub.mercure;

import io.ssehub.event.Topic;
import io.ssehub.event.TopicMatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The matching tables of Mercure's selectors: exact topics, URL patterns, 0.x URI templates, and {@code *}. */
class SelectorsTest {

  private static final String HUB = "https://hub.example.com";

  private final Selectors selectors = new Selectors(1024, 16);

  private void assertTable(SelectorKind kind, String selector, List<String> matching, List<String> notMatching) {
    TopicMatcher matcher = selectors.compile(kind, selector, HUB);
    for (String topic : matching) {
      assertTrue(matcher.matches(Topic.of(topic)), selector + " should match " + topic);
    }
    for (String topic : notMatching) {
      assertFalse(matcher.matches(Topic.of(topic)), selector + " should not match " + topic);
    }
  }

  @Test
  void exactMatchesTheTopicAsWrittenOnly() {
    assertTable(SelectorKind.EXACT, "https://example.com/books/1",
        List.of("https://example.com/books/1"),
        List.of("https://example.com/books/10", "https://example.com/books/1/", "HTTPS://example.com/books/1",
            "https://example.com/books/%31"));
  }

  @Test
  void starMatchesEveryTopicWhateverTheKind() {
    for (SelectorKind kind : SelectorKind.values()) {
      assertTable(kind, "*", List.of("a", "https://example.com/x", "/.well-known/mercure/subscriptions/x"), List.of());
    }
  }

  @Test
  void urlPatternNamedGroupsMatchOneSegment() {
    assertTable(SelectorKind.URL_PATTERN, "https://example.com/books/:id",
        List.of("https://example.com/books/1", "https://example.com/books/abc", "https://example.com/books/1?x=2",
            "https://example.com/books/1#top"),
        List.of("https://example.com/books/", "https://example.com/books/1/reviews", "https://example.com/books",
            "http://example.com/books/1", "https://example.org/books/1", "https://example.com/authors/1", "books/1"));
  }

  @Test
  void urlPatternWildcardsGroupsAndModifiers() {
    assertTable(SelectorKind.URL_PATTERN, "https://example.com/users/42/*",
        List.of("https://example.com/users/42/", "https://example.com/users/42/books/1"),
        List.of("https://example.com/users/4/books/1", "https://example.com/users/42"));
    assertTable(SelectorKind.URL_PATTERN, "https://example.com/books/:id?",
        List.of("https://example.com/books", "https://example.com/books/7"),
        List.of("https://example.com/books/7/8"));
    assertTable(SelectorKind.URL_PATTERN, "https://example.com/files/:path+",
        List.of("https://example.com/files/a", "https://example.com/files/a/b/c"),
        List.of("https://example.com/files"));
    assertTable(SelectorKind.URL_PATTERN, "https://example.com/books{/:id}?",
        List.of("https://example.com/books", "https://example.com/books/3"),
        List.of("https://example.com/bookshelf"));
    assertTable(SelectorKind.URL_PATTERN, "https://:tenant.example.com/orders/:id",
        List.of("https://acme.example.com/orders/1"),
        List.of("https://a.b.example.com/orders/1", "https://example.com/orders/1"));
    assertTable(SelectorKind.URL_PATTERN, "https://example.com/a\\:b/:id",
        List.of("https://example.com/a:b/1"), List.of("https://example.com/ab/1"));
    assertTable(SelectorKind.URL_PATTERN, "https://example.com/search?q=:term",
        List.of("https://example.com/search?q=cats"), List.of("https://example.com/search?q=", "https://example.com/search"));
  }

  @Test
  void relativePatternsAndTopicsResolveAgainstTheHub() {
    assertTable(SelectorKind.URL_PATTERN, "/books/:id",
        List.of("/books/1", HUB + "/books/1"),
        List.of("https://example.com/books/1", "/books/1/2"));
  }

  @Test
  void uriTemplatesMatchWhatTheyCanExpandTo() {
    assertTable(SelectorKind.TEMPLATE_OR_EXACT, "https://example.com/books/{id}",
        List.of("https://example.com/books/1", "https://example.com/books/", "https://example.com/books/{id}"),
        List.of("https://example.com/books/1/2", "https://example.com/books/1?x", "https://example.com/authors/1"));
    assertTable(SelectorKind.TEMPLATE_OR_EXACT, "https://example.com/users/dunglas/{+any}",
        List.of("https://example.com/users/dunglas/books/1", "https://example.com/users/dunglas/"),
        List.of("https://example.com/users/kevin/books/1"));
    assertTable(SelectorKind.TEMPLATE_OR_EXACT, "https://example.com/books{/id}{?page}",
        List.of("https://example.com/books", "https://example.com/books/1", "https://example.com/books/1?page=2"),
        List.of("https://example.com/bookshelf"));
    assertTable(SelectorKind.TEMPLATE_OR_EXACT, "https://example.com/books/1",
        List.of("https://example.com/books/1"), List.of("https://example.com/books/11"));
  }

  @Test
  void invalidSelectorsSayWhy() {
    assertEquals("regular-expression groups such as (\\d+) are not supported; use :name or *",
        assertThrows(IllegalArgumentException.class,
            () -> selectors.compile(SelectorKind.URL_PATTERN, "https://example.com/(\\d+)", HUB)).getMessage());
    assertEquals("a { at position 21 is never closed", assertThrows(IllegalArgumentException.class,
        () -> selectors.compile(SelectorKind.TEMPLATE_OR_EXACT, "https://example.com/{id", HUB)).getMessage());
    assertEquals("an expression {} names no variable", assertThrows(IllegalArgumentException.class,
        () -> selectors.compile(SelectorKind.TEMPLATE_OR_EXACT, "https://example.com/{}", HUB)).getMessage());
    assertEquals("a selector must not contain control or format characters (U+0007 found)",
        selectors.problem("a\u0007b"));
    assertEquals("a selector must not contain control or format characters (U+200B found)",
        selectors.problem("a\u200Bb"));
    assertEquals("a selector is at most 1024 characters (mercure.maxSelectorLength), this one has 1025",
        selectors.problem("x".repeat(1025)));
    assertNull(selectors.problem("x".repeat(1024)));
  }

  /** A hostile pattern costs a bounded amount of work, and counts as not matching when it would cost more. */
  @Test
  @Timeout(5)
  void catastrophicBacktrackingIsCutShort() {
    String hostile = "https://e.com/" + "*a".repeat(20) + "b";
    TopicMatcher matcher = selectors.compile(SelectorKind.URL_PATTERN, hostile, HUB);
    assertFalse(matcher.matches(Topic.of("https://e.com/" + "a".repeat(200))));
    assertTrue(selectors.compile(SelectorKind.URL_PATTERN, "https://e.com/*a*b", HUB)
        .matches(Topic.of("https://e.com/xaxb")));
  }

  @Test
  void templatesKeepCharactersOutsideTheBasicPlaneWhole() {
    assertTable(SelectorKind.TEMPLATE_OR_EXACT, "https://e.com/😀/{id}", List.of("https://e.com/😀/1"),
        List.of("https://e.com/😁/1"));
  }

  /**
   * A subscription's selectors share one budget per topic, and a scan of many topics one budget for all: many
   * hostile selectors cost what one does, and a scan that runs out says so.
   */
  @Test
  @Timeout(10)
  void hostileSelectorsShareOneBudget() {
    List<TopicMatcher> hostile = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      hostile.add(selectors.compile(SelectorKind.URL_PATTERN, "**********!" + i, HUB));
    }
    TopicMatcher subscription = Selectors.anyOf(Set.of("named"), hostile);
    Topic topic = Topic.of("https://example.com/" + "x".repeat(200));
    assertFalse(subscription.matches(topic));
    assertTrue(subscription.matches(Topic.of("named")));
    TopicMatcher scan = subscription.forScan();
    for (int i = 0; i < 1000; i++) {
      assertFalse(scan.matches(Topic.of("https://example.com/" + i + "x".repeat(200))));
    }
    assertTrue(scan.cutShort(), "the scan ran out of budget and says so");
    TopicMatcher honest = Selectors.anyOf(Set.of(), List.of(
        selectors.compile(SelectorKind.URL_PATTERN, "https://example.com/books/:id", HUB))).forScan();
    for (int i = 0; i < 10_000; i++) {
      assertTrue(honest.matches(Topic.of("https://example.com/books/" + i)));
    }
    assertFalse(honest.cutShort(), "10,000 honest topics fit in one scan's budget");
  }

  /** Compiled patterns are reused, and no more of them are kept than the cache's size. */
  @Test
  void theCacheOfCompiledPatternsIsBounded() {
    for (int i = 0; i < 100; i++) {
      selectors.compile(SelectorKind.URL_PATTERN, "https://example.com/" + i + "/:id", HUB);
      selectors.compile(SelectorKind.TEMPLATE_OR_EXACT, "https://example.com/" + i + "/{id}", HUB);
    }
    assertEquals(16, selectors.cached());
  }
}
