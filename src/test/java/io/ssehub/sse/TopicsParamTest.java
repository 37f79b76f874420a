package io.ssehub.sse;

import io.ssehub.event.Topic;
import io.ssehub.web.ClientError;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TopicsParamTest {

  private static List<String> names(List<String> values, int max) {
    return TopicsParam.parse(values, max).stream().map(Topic::name).toList();
  }

  private static ClientError rejected(List<String> values, int max) {
    return assertThrows(ClientError.class, () -> TopicsParam.parse(values, max));
  }

  @Test
  void trimsIgnoresEmptyItemsAndMergesDuplicates() {
    assertEquals(List.of("a", "b", "c"), names(List.of(" a , ,b,,a,c ", "b"), 64));
  }

  @Test
  void repeatedParameterAddsTopics() {
    assertEquals(List.of("a", "b"), names(List.of("a", "b"), 64));
  }

  @Test
  void noTopicsSaysHowToAsk() {
    for (List<String> values : List.of(List.<String>of(), List.of(""), List.of(",,, ,"))) {
      ClientError error = rejected(values, 64);
      assertEquals(400, error.status());
      assertEquals("No topics provided: use /sse?topics=a,b", error.getMessage());
    }
  }

  @Test
  void tooManyNamesTheLimit() {
    ClientError error = rejected(List.of("a,b,c"), 2);
    assertEquals(400, error.status());
    assertEquals("Too many topics in parameter 'topics': at most 2 per connection (sse.maxTopicsPerConnection)",
        error.getMessage());
  }

  @Test
  void duplicatesDoNotCountTowardsTheLimit() {
    assertEquals(List.of("a", "b"), names(List.of("a,b,a,b,a"), 2));
  }

  @Test
  void invalidNameIsNamedEscaped() {
    ClientError error = rejected(List.of("ok,a\u0007b"), 64);
    assertEquals("Invalid topic \"a\\u0007b\" in parameter 'topics': a topic name must not contain control"
        + " characters (U+0007 found)", error.getMessage());
    assertEquals("Invalid topic \"a\\u00A0b\" in parameter 'topics': a topic name must not contain whitespace"
        + " (U+00A0 found)", rejected(List.of("a\u00a0b"), 64).getMessage());
    assertEquals("Invalid topic \"a b\" in parameter 'topics': a topic name must not contain whitespace"
        + " (U+0020 found)", rejected(List.of("a b"), 64).getMessage());
  }

  @Test
  void tooLongNameIsShortenedInTheMessage() {
    String name = "x".repeat(1100);
    assertEquals("Invalid topic \"" + "x".repeat(64) + "\"… (1100 characters) in parameter 'topics': a topic name is"
        + " at most 1024 characters, this one has 1100", rejected(List.of(name), 64).getMessage());
  }
}
