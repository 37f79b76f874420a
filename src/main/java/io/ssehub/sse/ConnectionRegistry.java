package io.ssehub.sse;

import io.ssehub.event.Topic;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live counts of the SSE side, shared by every HTTP verticle: open connections, consumers per topic, events written
 * and slow clients dropped. {@code /stats} reads it, and tests use it as the proof that cleanup works. Its size is
 * bounded by the open subscriptions: a topic leaves the map when its last consumer goes.
 */
public final class ConnectionRegistry {

  private final AtomicInteger connections = new AtomicInteger();
  private final Map<String, Integer> subscribers = new ConcurrentHashMap<>();
  private final LongAdder delivered = new LongAdder();
  private final LongAdder slowClientsDropped = new LongAdder();
  private final LongAdder replays = new LongAdder();
  private final LongAdder replayedEvents = new LongAdder();

  void opened(List<Topic> topics) {
    connections.incrementAndGet();
    for (Topic topic : topics) {
      subscribers.merge(topic.name(), 1, Integer::sum);
    }
  }

  void closed(List<Topic> topics) {
    for (Topic topic : topics) {
      subscribers.computeIfPresent(topic.name(), (name, count) -> count == 1 ? null : count - 1);
    }
    connections.decrementAndGet();
  }

  void countDelivered() {
    delivered.increment();
  }

  void countReplayed(int events) {
    replays.increment();
    replayedEvents.add(events);
  }

  void countSlowClientDropped() {
    slowClientsDropped.increment();
  }

  /** Open SSE connections. */
  public int connections() {
    return connections.get();
  }

  /** Current consumers by topic; topics without consumers are absent. */
  public JsonObject subscriptions() {
    JsonObject json = new JsonObject();
    subscribers.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(entry -> json.put(entry.getKey(), entry.getValue()));
    return json;
  }

  /** Events written to clients so far. */
  public long delivered() {
    return delivered.sum();
  }

  /** Subscriptions that received events from history. */
  public long replays() {
    return replays.sum();
  }

  /** Events sent from history, over all replays. */
  public long replayedEvents() {
    return replayedEvents.sum();
  }

  /** Connections closed because the client did not read fast enough. */
  public long slowClientsDropped() {
    return slowClientsDropped.sum();
  }
}
