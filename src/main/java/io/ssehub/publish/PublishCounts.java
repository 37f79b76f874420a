package io.ssehub.publish;

import io.ssehub.event.Topic;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Events published, in all and per topic, for {@code /stats} and {@code /metrics}. Thread-safe, and bounded: topics
 * past {@value #MAX_COUNTED_TOPICS} count only in the total.
 */
public final class PublishCounts {

  /**
   * Topics counted one by one; the size check and the insert are not atomic, so concurrent publishers may add a few
   * topics past it: still bounded.
   */
  public static final int MAX_COUNTED_TOPICS = 10_000;

  private final Map<String, LongAdder> byTopic = new ConcurrentHashMap<>();
  private final LongAdder total = new LongAdder();

  /** Counts one event published to these topics (once per topic). */
  void count(List<Topic> topics) {
    for (Topic topic : topics) {
      total.increment();
      LongAdder counter = byTopic.get(topic.name());
      if (counter == null && byTopic.size() < MAX_COUNTED_TOPICS) {
        counter = byTopic.computeIfAbsent(topic.name(), name -> new LongAdder());
      }
      if (counter != null) {
        counter.increment();
      }
    }
  }

  /** Events published so far, by topic (at most {@value #MAX_COUNTED_TOPICS} topics). */
  public JsonObject byTopic() {
    JsonObject json = new JsonObject();
    byTopic.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(entry -> json.put(entry.getKey(), entry.getValue().sum()));
    return json;
  }

  /** Events published so far on all topics (an event on two topics counts twice). */
  public long total() {
    return total.sum();
  }
}
