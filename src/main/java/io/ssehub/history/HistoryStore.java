package io.ssehub.history;

import io.ssehub.event.Event;
import io.ssehub.event.Topic;
import io.ssehub.event.TopicMatcher;

import java.util.List;
import java.util.Map;

/**
 * The bounded history of published events, per topic, that replay reads: {@link MemoryHistory} keeps it in this
 * process; a cluster can keep it where it survives a node. The contract below is what the rest of the hub relies on,
 * and {@code HistoryStoreContract} tests every implementation against it.
 *
 * <ul>
 *   <li><b>Order.</b> Events are appended in strictly increasing sequence order ({@link Event#seq()}), all copies of
 *   one event (one per topic) in one call. Replay returns events in that order, one per event even when it is
 *   retained on several of the subscribed topics (the copy of the lowest {@link Event#copyIndex()}).</li>
 *   <li><b>Bounds.</b> Every bound of {@code history.*} holds after each call: events per topic, total bytes, age
 *   (on append and on {@link #evictExpired}), and the number of topics (the least recently published goes whole).
 *   With history disabled nothing is retained, and replay says so.</li>
 *   <li><b>Honest replay.</b> A replay is complete only when it holds every event of the subscribed topics published
 *   after the client's position; otherwise it says why ({@link Replay#reason()}) and returns what it can. It never
 *   returns more than {@code history.maxReplayEvents} events (the newest).</li>
 *   <li><b>Ids.</b> An id stays taken while its event is retained and for a while after ({@link #containsId}), so a
 *   client resuming from it is never sent past the events in between.</li>
 *   <li><b>Threads.</b> Implementations need not be thread-safe: the caller serialises every call, and holds one lock
 *   around appending an event and publishing it, and around taking a replay, so that a subscription's replay and
 *   its live events never overlap or leave a gap ({@code io.ssehub.publish.Publisher} does).</li>
 * </ul>
 */
public interface HistoryStore {

  /**
   * Whether an event with this id, given by its publisher, is retained, or was until recently. (Ids the hub generates
   * are never given by publishers, so the store need not track them.)
   */
  boolean containsId(String id);

  /** Retains the copies of one published event (one per topic, in the publisher's order), then enforces the bounds. */
  void append(List<Event> copies, long nowMillis);

  /**
   * Events published before {@code seq} may exist that this store never received (a cluster node that joined late,
   * or missed part of the cluster's feed): a replay from before {@code seq - 1} is then incomplete ({@code too-old}).
   */
  void missedBefore(long seq);

  /**
   * The events retained after {@code afterSeq} and what the store knows of what it lost, for another store to take
   * over ({@link #restore}).
   */
  HistorySnapshot snapshot(long afterSeq);

  /**
   * Takes over another store's snapshot: appends its events (all after this store's own), then keeps the larger of
   * each loss watermark, so that replays here are as complete and as honest as there.
   */
  void restore(HistorySnapshot snapshot, long nowMillis);

  /** Evicts events older than {@code history.maxAgeSeconds}; called periodically so idle topics age out too. */
  void evictExpired(long nowMillis);

  /**
   * What a subscription to {@code subscribed} receives from history, after the client's position
   * ({@code lastEventId}: an event id, {@code earliest}, or null for a fresh subscription that asked for nothing).
   * Take it after the subscription's consumers are registered, under the caller's lock.
   */
  Replay replay(List<Topic> subscribed, String lastEventId, long nowMillis);

  /**
   * The same for a subscription that also takes every topic {@code patterns} matches (null for none): the retained
   * events of every such topic count, and losses on topics it may have matched make the replay incomplete.
   */
  Replay replay(List<Topic> subscribed, TopicMatcher patterns, String lastEventId, long nowMillis);

  /** Counters for {@code /stats}: topics, events, bytes, eventsEvicted, topicsEvicted. */
  Map<String, Long> stats();
}
