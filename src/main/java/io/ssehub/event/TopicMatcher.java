package io.ssehub.event;

import java.util.List;

/**
 * A test on topics: what a subscription's selectors match, or which topics a subscriber's grants let it receive
 * private events on. Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface TopicMatcher {

  boolean matches(Topic topic);

  /** Whether one of {@code topics} matches: how an event with several topics is tested. */
  default boolean matchesAny(List<Topic> topics) {
    for (int i = 0; i < topics.size(); i++) {
      if (matches(topics.get(i))) {
        return true;
      }
    }
    return false;
  }
}
