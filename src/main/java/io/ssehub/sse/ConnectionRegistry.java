package io.ssehub.sse;

import io.ssehub.event.Topic;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live counts of the SSE side, shared by every HTTP verticle: open connections (in all and per client address),
 * consumers per topic, events written and slow clients dropped. It admits new streams within the connection limits.
 * {@code /stats} reads it, and tests use it as the proof that cleanup works. Its maps are bounded by the open
 * streams: a topic, or an address, leaves its map with its last stream.
 */
public final class ConnectionRegistry {

  /** The limit a new stream would pass. */
  enum Refusal { SERVER_FULL, ADDRESS_FULL }

  private final int maxConnections;
  private final int maxConnectionsPerAddress;
  private final AtomicInteger connections = new AtomicInteger();
  /** Open streams by client address; kept only when there is a per-address limit. */
  private final Map<String, Integer> perAddress = new ConcurrentHashMap<>();
  private final Map<String, Integer> subscribers = new ConcurrentHashMap<>();
  private final AtomicInteger patternSubscriptions = new AtomicInteger();
  private final LongAdder delivered = new LongAdder();
  private final LongAdder slowClientsDropped = new LongAdder();
  private final LongAdder replays = new LongAdder();
  private final LongAdder replayedEvents = new LongAdder();
  private final AtomicInteger busConsumers = new AtomicInteger();

  /**
   * @param maxConnections           open streams at most
   * @param maxConnectionsPerAddress open streams per client address at most; 0 for no limit
   */
  public ConnectionRegistry(int maxConnections, int maxConnectionsPerAddress) {
    this.maxConnections = maxConnections;
    this.maxConnectionsPerAddress = maxConnectionsPerAddress;
  }

  /**
   * Counts a new stream from {@code address}, unless that would pass a limit; then nothing is counted. A stream
   * admitted here must be {@link #release released} once, however it ends.
   *
   * @return null when admitted, else the limit it would pass
   */
  Refusal admit(String address) {
    if (connections.incrementAndGet() > maxConnections) {
      connections.decrementAndGet();
      return Refusal.SERVER_FULL;
    }
    if (maxConnectionsPerAddress > 0 && !admitFrom(address)) {
      connections.decrementAndGet();
      return Refusal.ADDRESS_FULL;
    }
    return null;
  }

  private boolean admitFrom(String address) {
    boolean[] admitted = new boolean[1];
    perAddress.compute(address, (key, open) -> {
      int count = open == null ? 0 : open;
      admitted[0] = count < maxConnectionsPerAddress;
      return admitted[0] ? count + 1 : open;
    });
    return admitted[0];
  }

  /** Uncounts a stream {@link #admit admitted} from {@code address}. */
  void release(String address) {
    if (maxConnectionsPerAddress > 0) {
      perAddress.computeIfPresent(address, (key, count) -> count == 1 ? null : count - 1);
    }
    connections.decrementAndGet();
  }

  /** A fan-out registered its event-bus consumer (one per topic per event loop). */
  void busConsumerAdded() {
    busConsumers.incrementAndGet();
  }

  void busConsumerRemoved() {
    busConsumers.decrementAndGet();
  }

  /**
   * The fan-outs' event-bus consumers: one per topic per event loop with subscribers, 0 when nobody listens. In a
   * cluster these are this node's registrations with the cluster.
   */
  public int busConsumers() {
    return busConsumers.get();
  }

  void subscribed(List<Topic> topics) {
    for (Topic topic : topics) {
      subscribers.merge(topic.name(), 1, Integer::sum);
    }
  }

  void unsubscribed(List<Topic> topics) {
    for (Topic topic : topics) {
      subscribers.computeIfPresent(topic.name(), (name, count) -> count == 1 ? null : count - 1);
    }
  }

  /** A stream that matches topics by pattern opened (+1) or closed (-1). */
  void patternSubscribed(int change) {
    patternSubscriptions.addAndGet(change);
  }

  /** Open streams that match topics by pattern (Mercure's URI templates, URL patterns and {@code *}). */
  public int patternSubscriptions() {
    return patternSubscriptions.get();
  }

  void countDelivered(int events) {
    delivered.add(events);
  }

  void countReplayed(int events) {
    replays.increment();
    replayedEvents.add(events);
  }

  void countSlowClientDropped() {
    slowClientsDropped.increment();
  }

  /** Open SSE connections (admitted and not yet released). */
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

  /** Consumers of open streams, over all topics. */
  public int subscriptionCount() {
    return subscribers.values().stream().mapToInt(Integer::intValue).sum();
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
