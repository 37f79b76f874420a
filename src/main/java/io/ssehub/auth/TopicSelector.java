package io.ssehub.auth;

import io.ssehub.event.Topic;

import java.util.Objects;

/**
 * One entry of a token's topic list: an exact topic ({@code orders/42}), a prefix ending in {@code *}
 * ({@code orders/*} matches every topic that starts with {@code orders/}), or {@code *} for every topic.
 *
 * <p>The hub reading a token and the token command minting one apply the same rules ({@link #problem}). A
 * {@code *} may only come last: {@code orders/*}{@code /items} reads like a pattern, and taking it as the literal
 * topic it also is would grant something other than what its author meant. A topic whose name holds a {@code *} can
 * still be allowed by a prefix that stops before it.
 *
 * @param prefix   the whole topic, or the prefix before the final {@code *}
 * @param wildcard whether the selector ended in {@code *}
 */
public record TopicSelector(String prefix, boolean wildcard) {

  public TopicSelector {
    Objects.requireNonNull(prefix, "prefix");
    String problem = !wildcard && prefix.endsWith("*") ? "an exact selector must not end in *"
        : problem(wildcard ? prefix + "*" : prefix);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** Reads a selector; the exception's message says which rule it breaks. */
  public static TopicSelector parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException(problem(null));
    }
    return text.endsWith("*")
        ? new TopicSelector(text.substring(0, text.length() - 1), true)
        : new TopicSelector(text, false);
  }

  /** Returns the rule that {@code text} breaks, or {@code null} when it is a valid selector. */
  public static String problem(String text) {
    if (text == null || text.isEmpty()) {
      return "a selector must not be empty (* stands for every topic)";
    }
    if (text.equals("*")) {
      return null;
    }
    int length = text.codePointCount(0, text.length());
    if (length > Topic.MAX_LENGTH) {
      return "a selector is at most " + Topic.MAX_LENGTH + " characters, this one has " + length;
    }
    int star = text.indexOf('*');
    if (star >= 0 && star < text.length() - 1) {
      return "a * may only end a selector, as in orders/*";
    }
    // What is left is a topic name or the start of one, so it obeys the same character rules.
    return Topic.problem(star < 0 ? text : text.substring(0, star));
  }

  public boolean matches(Topic topic) {
    return wildcard ? topic.name().startsWith(prefix) : topic.name().equals(prefix);
  }
}
