package io.ssehub.sse;

import io.ssehub.event.Topic;
import io.ssehub.event.TopicMatcher;
import io.ssehub.history.Replay;

import java.util.List;

/**
 * Where a new stream takes its replay, once its consumers are registered: the publisher, which takes it under the
 * lock it publishes under, so that every event is either replayed or delivered live, never both and never neither.
 */
public interface ReplaySource {

  /**
   * @param patterns    what the subscription matches beyond {@code topics}, or null
   * @param lastEventId the client's position, or null for a fresh subscription
   */
  Replay replay(List<Topic> topics, TopicMatcher patterns, String lastEventId);

  /**
   * A loop registered (+1) or removed (-1) its consumer of every event, for its streams that match by pattern; events
   * go to that address only while some loop has one.
   */
  void allEventsConsumers(int change);
}
