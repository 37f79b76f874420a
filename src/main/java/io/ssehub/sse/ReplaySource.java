package io.ssehub.sse;

import io.ssehub.event.Topic;
import io.ssehub.history.Replay;

import java.util.List;

/**
 * Where a new stream takes its replay, once its consumers are registered: the publisher, which takes it under the
 * lock it publishes under, so that every event is either replayed or delivered live, never both and never neither.
 */
@FunctionalInterface
public interface ReplaySource {

  /** @param lastEventId the client's position, or null for a fresh subscription */
  Replay replay(List<Topic> topics, String lastEventId);
}
