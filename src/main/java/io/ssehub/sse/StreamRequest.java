package io.ssehub.sse;

import io.ssehub.event.Event;
import io.ssehub.event.StreamStyle;
import io.ssehub.event.Topic;
import io.ssehub.event.TopicMatcher;

import java.util.List;

/**
 * A stream to open, validated and authorized, whatever protocol asked for it ({@code /sse}, Mercure).
 *
 * @param topics       topics subscribed by name, each through its topic's fan-out on the loop
 * @param patterns     what the stream matches beyond {@code topics}, through the loop's fan-out of every event; null
 *                     when it names all its topics
 * @param lastEventId  where to resume, or null for a fresh subscription
 * @param namesByTopic events without a publisher type carry {@code event: <topic>}
 * @param privateGrant the topics the subscriber's grants allow private events on; null: it receives public events
 *                     only
 * @param style        how the stream opens and reports a resumption
 */
public record StreamRequest(List<Topic> topics, TopicMatcher patterns, String lastEventId, boolean namesByTopic,
                            TopicMatcher privateGrant, StreamStyle style) {

  public StreamRequest {
    topics = List.copyOf(topics);
    if (topics.isEmpty() && patterns == null) {
      throw new IllegalArgumentException("a stream subscribes to something");
    }
  }

  /** Whether the subscriber may receive this event: any public one, a private one if it may on one of its topics. */
  public boolean mayReceive(Event event) {
    return !event.isPrivate() || privateGrant != null && privateGrant.matchesAny(event.topics());
  }

  /** Whether this event, from the loop's fan-out of every event, is one of the stream's. */
  boolean matchesPatterns(Event event) {
    return patterns.matchesAny(event.topics());
  }
}
