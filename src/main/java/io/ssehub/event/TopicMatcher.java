package io.ssehub.event;

import java.util.List;

/**
 * A test on topics: what a subscription's selectors match, or which topics a subscriber's grants let it receive
 * private events on. Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface TopicMatcher {

  boolean matches(Topic topic);

  /**
   * A matcher for one scan over many topics (a replay's over history). A matcher with a cost limit gives the scan one
   * budget for all its topics; past it, topics no longer match and {@link #cutShort} says so. Others return
   * themselves.
   */
  default TopicMatcher forScan() {
    return this;
  }

  /** Whether a scan through this matcher gave up on some topic for want of budget (so its result is incomplete). */
  default boolean cutShort() {
    return false;
  }

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
