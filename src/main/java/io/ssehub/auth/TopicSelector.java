package io.ssehub.auth;

import io.ssehub.event.Topic;

/**
 * One entry of a token's topic list: an exact topic ({@code orders/42}), a prefix ending in {@code *}
 * ({@code orders/*} matches every topic that starts with {@code orders/}), or {@code *} for every topic.
 */
public record TopicSelector(String prefix, boolean wildcard) {

  public static TopicSelector parse(String text) {
    return text.endsWith("*")
        ? new TopicSelector(text.substring(0, text.length() - 1), true)
        : new TopicSelector(text, false);
  }

  public boolean matches(Topic topic) {
    return wildcard ? topic.name().startsWith(prefix) : topic.name().equals(prefix);
  }
}
