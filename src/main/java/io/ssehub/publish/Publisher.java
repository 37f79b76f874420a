package io.ssehub.publish;

import io.ssehub.event.Event;
import io.ssehub.event.EventAddresses;
import io.ssehub.event.EventIds;
import io.ssehub.event.Topic;
import io.ssehub.history.HistoryStore;
import io.ssehub.history.Replay;
import io.ssehub.text.SafeText;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The one write path for events, whatever their source (HTTP, the event-bus API, the time generators): it checks
 * the id, assigns the sequence number, builds the event (encoding its frame once), retains it in history, publishes
 * it on each topic's address and counts it. Thread-safe: sources on any context share one instance. It is also the
 * only way to the history ({@link HistoryStore}), since replay, eviction and stats must take the same lock.
 *
 * <p>Sequencing, history and the bus publish happen under one lock, and subscriptions take their replay snapshot
 * under the same lock after registering their consumers. So every event is either in a subscription's snapshot or
 * delivered to it live, and events reach every consumer in sequence order.
 */
public final class Publisher {

  private final EventBus eventBus;
  private final HistoryStore history;
  private final EventIds ids;
  private final Clock clock;
  private final PublishCounts counts = new PublishCounts();
  private long lastSeq;

  public Publisher(EventBus eventBus, HistoryStore history, EventIds ids, Clock clock) {
    this.eventBus = eventBus;
    this.history = history;
    this.ids = ids;
    this.clock = clock;
  }

  /** Publishes a plain message on one topic; returns its id. */
  public String publish(Topic topic, String data) {
    return publish(PublishRequest.of(topic, data));
  }

  /**
   * Publishes one event to every topic of the request; returns its id.
   *
   * @throws PublishException 409 when the explicit id is already retained, 400 when it has the form of the ids
   *                          this hub generates
   */
  public String publish(PublishRequest request) {
    String id;
    synchronized (this) {
      if (request.id() != null) {
        if (ids.seqOf(request.id()) >= 0) {
          throw new PublishException(400, "Invalid 'id': " + SafeText.quote(request.id())
              + " has the form of the ids this hub generates; choose another");
        }
        if (history.containsId(request.id())) {
          throw new PublishException(409, "Duplicate 'id': " + SafeText.quote(request.id())
              + " is already used by an event in history, or was recently");
        }
      }
      long seq = ++lastSeq;
      id = request.id() != null ? request.id() : ids.generate(seq);
      long now = clock.millis();
      List<Topic> topics = request.topics();
      Event first = Event.create(seq, id, topics.get(0), request.type(), request.retry(), request.data(), now);
      List<Event> copies = new ArrayList<>(topics.size());
      copies.add(first);
      for (int i = 1; i < topics.size(); i++) {
        copies.add(first.onTopic(topics.get(i), i));
      }
      history.append(copies, now);
      for (Event copy : copies) {
        eventBus.publish(EventAddresses.of(copy.topic()), copy);
      }
    }
    counts.count(request.topics());
    return id;
  }

  /**
   * The replay for a subscription that has just registered its consumers (see the class comment).
   *
   * @param lastEventId the client's Last-Event-ID, or null for a fresh subscription
   */
  public synchronized Replay replay(List<Topic> topics, String lastEventId) {
    return history.replay(topics, lastEventId, clock.millis());
  }

  /** Evicts history older than its maximum age; called periodically, so idle topics age out too. */
  public synchronized void evictExpired() {
    history.evictExpired(clock.millis());
  }

  /** History counters: topics, events, bytes, eventsEvicted, topicsEvicted. */
  public synchronized JsonObject historyStats() {
    JsonObject json = new JsonObject();
    history.stats().forEach(json::put);
    return json;
  }

  /** Events published so far. */
  public PublishCounts counts() {
    return counts;
  }
}
