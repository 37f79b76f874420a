package io.ssehub.publish;

import io.ssehub.event.Event;
import io.ssehub.event.EventAddresses;
import io.ssehub.event.EventIds;
import io.ssehub.event.Topic;
import io.ssehub.event.TopicMatcher;
import io.ssehub.history.HistorySnapshot;
import io.ssehub.history.HistoryStore;
import io.ssehub.history.Replay;
import io.ssehub.text.SafeText;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one write path for events, whatever their source (HTTP, the event-bus API, the time generators): it checks
 * the id, assigns the sequence number, builds the event (encoding its frame once), retains it in history, publishes
 * it on each topic's address and counts it. Thread-safe: sources on any context share one instance. It is also the
 * only way to the history ({@link HistoryStore}), since replay, eviction and stats must take the same lock.
 *
 * <p>Sequencing, history and the bus publish happen under one lock, and subscriptions take their replay snapshot
 * under the same lock after registering their consumers. So every event is either in a subscription's snapshot or
 * delivered to it live, and events reach every consumer in sequence order.
 *
 * <p>In a cluster one node sequences (the leader, {@link ClusterPublishing}): the others {@link #submit} their
 * publishes to it, and every node {@link #applyReplicated applies} what it sequenced, in order, to its own history
 * and its own streams. So each node's history is a full copy, replay stays local and takes the same lock, and
 * sequence numbers stay one order for the whole cluster.
 */
public final class Publisher {

  private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

  /** Topic addresses have consumers on this node only (the fan-outs'), also in a cluster: no cluster lookup. */
  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);

  private final EventBus eventBus;
  private final HistoryStore history;
  private final EventIds ids;
  private final Clock clock;
  private final PublishCounts counts = new PublishCounts();
  /** The last sequence number this node gave. */
  private long lastSeq;
  /** The sequence number of the last event retained and published here, whoever sequenced it. */
  private long lastApplied;
  /** The id of that event; null before the first. */
  private volatile String lastId;
  /** Times this node found it had missed events of the cluster's feed. */
  private final AtomicLong feedGaps = new AtomicLong();
  /** Event loops with a consumer of every event ({@link EventAddresses#ALL}). */
  private final AtomicInteger allEventsConsumers = new AtomicInteger();
  /** Whether this node assigns sequence numbers: always on its own; in a cluster, while it leads. */
  private volatile boolean sequencing = true;
  private volatile Cluster cluster;

  /** How a clustered node hands events to the others and publishes through the leader. */
  public interface Cluster {
    /**
     * Sends the copies of an event this node has just sequenced to every other node, with the sequence number of the
     * event before it here.
     */
    void replicate(long prevSeq, List<Event> copies);

    /** Has the leader publish, since this node does not sequence; completes with the event's id. */
    Future<String> forward(PublishRequest request);
  }

  /**
   * A sequencing node that takes over from another jumps this far ahead, past whatever the old one may have sent to
   * some nodes but not to this one, so that no number is given twice.
   */
  static final long TAKEOVER_SEQ_GAP = 1_000_000;

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
      if (!sequencing) {
        throw new PublishException(503, "This node does not sequence events; the cluster's leader does (publish"
            + " through submit)");
      }
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
      List<Event> copies = Event.create(seq, id, request.topics(), request.type(), request.retry(), request.data(),
          now, request.privateUpdate()).copies();
      history.append(copies, now);
      publishLocally(copies);
      long prevSeq = lastApplied;
      lastApplied = seq;
      lastId = id;
      Cluster replicas = cluster;
      if (replicas != null) {
        replicas.replicate(prevSeq, copies);
      }
    }
    counts.count(request.topics());
    return id;
  }

  /**
   * Publishes one event to every topic of the request, here or, in a cluster where this node does not sequence,
   * through the node that does. Completes with its id, or fails with a {@link PublishException}.
   */
  public Future<String> submit(PublishRequest request) {
    Cluster replicas = cluster;
    if (replicas != null && !sequencing) {
      return replicas.forward(request);
    }
    try {
      return Future.succeededFuture(publish(request));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /**
   * Applies an event the cluster's sequencing node published: retains it and publishes it to this node's streams.
   * Events arrive in sequence order; one already applied (this node sequenced it) is ignored. When {@code prevSeq}
   * is not the last event applied here, this node missed some (it joined late, or the feed lost them): its history
   * is told, so that replays from before them say they are incomplete.
   *
   * @return whether it was applied (false for one this node had already)
   */
  public boolean applyReplicated(long prevSeq, List<Event> copies) {
    synchronized (this) {
      long seq = copies.get(0).seq();
      if (seq <= lastApplied) {
        return false;
      }
      if (prevSeq != lastApplied) {
        // Events between the two never reached this node: a replay from before them must say so.
        history.missedBefore(seq);
        if (lastApplied != 0) {
          feedGaps.incrementAndGet();
          LOG.warn("Missed events of the cluster's feed between sequence numbers {} and {}; replays from before"
              + " them are reported incomplete (too-old)", lastApplied, seq);
        }
      }
      lastApplied = seq;
      lastId = copies.get(0).id();
      lastSeq = Math.max(lastSeq, seq);
      history.append(copies, clock.millis());
      publishLocally(copies);
    }
    List<Topic> topics = new ArrayList<>(copies.size());
    for (Event copy : copies) {
      topics.add(copy.topic());
    }
    counts.count(topics);
    return true;
  }

  /** What this node's history holds after {@code afterSeq}, for a node that joins the cluster. */
  public synchronized HistorySnapshot historySnapshot(long afterSeq) {
    return history.snapshot(afterSeq);
  }

  /**
   * Takes over the leader's history (a node joining the cluster, before it serves), and continues from its last
   * event; returns the sequence number of the last event applied here.
   */
  public synchronized long restoreHistory(HistorySnapshot snapshot) {
    if (snapshot.lastSeq() > lastApplied) {
      history.restore(snapshot, clock.millis());
      lastApplied = snapshot.lastSeq();
      lastSeq = Math.max(lastSeq, lastApplied);
    }
    return lastApplied;
  }

  /** The id of the last event published or applied here, or null before the first. */
  public String lastId() {
    return lastId;
  }

  /** The sequence number of the last event applied here. */
  public synchronized long lastApplied() {
    return lastApplied;
  }

  /** Times this node found it had missed part of the cluster's feed. */
  public long feedGaps() {
    return feedGaps.get();
  }

  private void publishLocally(List<Event> copies) {
    for (Event copy : copies) {
      eventBus.publish(EventAddresses.of(copy.topic()), copy, LOCAL);
    }
    if (allEventsConsumers.get() > 0) {
      eventBus.publish(EventAddresses.ALL, copies.get(0), LOCAL);
    }
  }

  /**
   * An event loop registered (or, with -1, removed) its consumer of {@link EventAddresses#ALL}, for its streams that
   * match topics by pattern. Events go there only while one exists; a loop registers its consumer before it takes
   * its streams' replay under this publisher's lock, so no event falls between the two.
   */
  public void allEventsConsumers(int change) {
    allEventsConsumers.addAndGet(change);
  }

  /** Joins a cluster: from now on events are replicated, or forwarded while this node does not sequence. */
  public void joinCluster(Cluster cluster) {
    this.cluster = cluster;
  }

  /**
   * Starts or stops sequencing (the cluster's leader sequences). A node that starts jumps ahead of the numbers it has
   * seen, by {@link #TAKEOVER_SEQ_GAP}.
   */
  public synchronized void sequencing(boolean on) {
    if (on && !sequencing) {
      lastSeq = Math.max(lastSeq, lastApplied) + TAKEOVER_SEQ_GAP;
    }
    sequencing = on;
  }

  /**
   * The replay for a subscription that has just registered its consumers (see the class comment).
   *
   * @param lastEventId the client's Last-Event-ID, or null for a fresh subscription
   */
  public synchronized Replay replay(List<Topic> topics, String lastEventId) {
    return history.replay(topics, lastEventId, clock.millis());
  }

  /** The same for a subscription that also matches topics by pattern ({@code patterns}, null for none). */
  public synchronized Replay replay(List<Topic> topics, TopicMatcher patterns, String lastEventId) {
    return history.replay(topics, patterns, lastEventId, clock.millis());
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
