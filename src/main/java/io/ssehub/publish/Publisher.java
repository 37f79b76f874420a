package io.ssehub.publish;

import io.ssehub.event.Event;
import io.ssehub.event.EventAddresses;
import io.ssehub.event.Topic;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The one write path for events, whatever their source: it builds the event (encoding its frame once), counts it
 * and publishes it on the topic's address. Thread-safe: generators and handlers on any context share one instance.
 */
public final class Publisher {

  /**
   * Topics counted one by one in {@link #publishedByTopic()}; events on further topics only count in the total. The
   * size check and the insert are not atomic, so concurrent publishers may add a few topics past it: still bounded.
   */
  public static final int MAX_COUNTED_TOPICS = 10_000;

  private final EventBus eventBus;
  private final Map<String, LongAdder> publishedByTopic = new ConcurrentHashMap<>();
  private final LongAdder publishedTotal = new LongAdder();

  public Publisher(EventBus eventBus) {
    this.eventBus = eventBus;
  }

  /** Publishes {@code data} to every current subscriber of {@code topic}. */
  public Event publish(Topic topic, String data) {
    Event event = Event.of(topic, data);
    count(topic);
    eventBus.publish(EventAddresses.of(topic), event);
    return event;
  }

  private void count(Topic topic) {
    publishedTotal.increment();
    LongAdder counter = publishedByTopic.get(topic.name());
    if (counter == null && publishedByTopic.size() < MAX_COUNTED_TOPICS) {
      counter = publishedByTopic.computeIfAbsent(topic.name(), name -> new LongAdder());
    }
    if (counter != null) {
      counter.increment();
    }
  }

  /** Events published so far, by topic (at most {@value #MAX_COUNTED_TOPICS} topics). */
  public JsonObject publishedByTopic() {
    JsonObject json = new JsonObject();
    publishedByTopic.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(entry -> json.put(entry.getKey(), entry.getValue().sum()));
    return json;
  }

  /** Events published so far on all topics. */
  public long publishedTotal() {
    return publishedTotal.sum();
  }
}
