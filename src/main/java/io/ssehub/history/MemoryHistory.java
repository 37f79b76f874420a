package io.ssehub.history;

import io.ssehub.config.HistoryConfig;
import io.ssehub.event.Event;
import io.ssehub.event.EventIds;
import io.ssehub.event.Topic;
import io.ssehub.event.TopicMatcher;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The history kept in this process ({@link HistoryStore}), bounded, per topic. Every bound is enforced on append:
 * events per topic, total bytes, age (also swept periodically), and the number of topics (the least recently
 * published topic is evicted whole). What was evicted is remembered as a sequence-number watermark per topic, so that
 * a replay can tell when events after the client's position are gone.
 *
 * <p>Not thread-safe, as {@link HistoryStore} allows: its caller serialises every call.
 */
public final class MemoryHistory implements HistoryStore {

  /** Publisher-given ids remembered after their events left history; older ones may be used again. */
  static final int MAX_REMEMBERED_EVICTED_IDS = 10_000;

  private final HistoryConfig config;
  private final EventIds ids;
  private final LinkedHashMap<String, TopicHistory> topics = new LinkedHashMap<>(16, 0.75f, true);
  /** Non-empty topics by the sequence number of their oldest event: the first holds the oldest event overall. */
  private final TreeSet<TopicHistory> byOldest =
      new TreeSet<>(Comparator.comparingLong(TopicHistory::oldestSeq).thenComparing(t -> t.name));
  private final Map<String, IdEntry> idIndex = new HashMap<>();
  /** Publisher-given ids of evicted events, newest last, so that they are not reused while clients may hold them. */
  private final LinkedHashMap<String, Long> evictedIds = new LinkedHashMap<>();
  /** Topics evicted whole, with the last sequence number they held; as many as there may be topics. */
  private final LinkedHashMap<String, Long> evictedTopics = new LinkedHashMap<>();
  /** The highest sequence number of evicted topics no longer listed in {@code evictedTopics}. */
  private long forgottenTopicsUpTo;
  private long retainedBytes;
  private long retainedEvents;
  private long eventsEvicted;
  private long topicsEvicted;
  private long lastSeq;

  private static final class TopicHistory {
    final String name;
    final ArrayDeque<Event> events = new ArrayDeque<>();
    /** Highest sequence number evicted from this topic; 0 when none was. */
    long evictedUpTo;

    TopicHistory(String name) {
      this.name = name;
    }

    long oldestSeq() {
      return events.peekFirst().seq();
    }
  }

  private static final class IdEntry {
    final long seq;
    int copies;

    IdEntry(long seq) {
      this.seq = seq;
    }
  }

  public MemoryHistory(HistoryConfig config, EventIds ids) {
    this.config = config;
    this.ids = ids;
  }


  /**
   * True when an event with this id is retained, or was until recently: an id used again after its event left history
   * would send a client resuming from the old one past the events in between.
   */
  @Override
  public boolean containsId(String id) {
    return idIndex.containsKey(id) || evictedIds.containsKey(id);
  }

  @Override
  public HistorySnapshot snapshot(long afterSeq) {
    List<Event> retained = new ArrayList<>();
    for (TopicHistory topic : topics.values()) {
      Iterator<Event> newestFirst = topic.events.descendingIterator();
      while (newestFirst.hasNext()) {
        Event event = newestFirst.next();
        if (event.seq() <= afterSeq) {
          break;
        }
        retained.add(event);
      }
    }
    retained.sort(Comparator.comparingLong(Event::seq).thenComparingInt(Event::copyIndex));
    List<List<Event>> events = new ArrayList<>();
    for (int i = 0; i < retained.size(); ) {
      int end = i + 1;
      while (end < retained.size() && retained.get(end).seq() == retained.get(i).seq()) {
        end++;
      }
      events.add(List.copyOf(retained.subList(i, end)));
      i = end;
    }
    Map<String, Long> evictedUpTo = new HashMap<>(evictedTopics);
    for (TopicHistory topic : topics.values()) {
      if (topic.evictedUpTo > 0) {
        evictedUpTo.put(topic.name, topic.evictedUpTo);
      }
    }
    return new HistorySnapshot(lastSeq, events, evictedUpTo, forgottenTopicsUpTo, new LinkedHashMap<>(evictedIds));
  }

  @Override
  public void restore(HistorySnapshot snapshot, long nowMillis) {
    for (List<Event> copies : snapshot.events()) {
      if (copies.get(0).seq() > lastSeq) {
        append(copies, nowMillis);
      }
    }
    lastSeq = Math.max(lastSeq, snapshot.lastSeq());
    forgottenTopicsUpTo = Math.max(forgottenTopicsUpTo, snapshot.forgottenUpTo());
    snapshot.evictedUpTo().forEach((name, upTo) -> {
      TopicHistory topic = topics.get(name);
      if (topic != null) {
        topic.evictedUpTo = Math.max(topic.evictedUpTo, upTo);
      } else {
        rememberEvicted(name, Math.max(upTo, evictedTopics.getOrDefault(name, 0L)));
      }
    });
    snapshot.evictedIds().forEach((id, seq) -> {
      if (!idIndex.containsKey(id)) {
        evictedIds.put(id, seq);
        if (evictedIds.size() > MAX_REMEMBERED_EVICTED_IDS) {
          evictedIds.remove(evictedIds.keySet().iterator().next());
        }
      }
    });
  }

  @Override
  public void missedBefore(long seq) {
    forgottenTopicsUpTo = Math.max(forgottenTopicsUpTo, seq - 1);
    for (TopicHistory topic : topics.values()) {
      topic.evictedUpTo = Math.max(topic.evictedUpTo, seq - 1);
    }
  }

  /** Retains the copies of one published event (one per topic), then enforces every bound. */
  @Override
  public void append(List<Event> copies, long nowMillis) {
    lastSeq = copies.get(0).seq();
    if (!config.enabled()) {
      return;
    }
    for (Event event : copies) {
      TopicHistory topic = topicForAppend(event.topic().name());
      boolean wasEmpty = topic.events.isEmpty();
      topic.events.addLast(event);
      if (wasEmpty) {
        byOldest.add(topic);
      }
      if (!ids.isGenerated(event.id(), event.seq())) {
        // Generated ids carry their sequence number; only ids given by publishers need looking up.
        idIndex.computeIfAbsent(event.id(), id -> new IdEntry(event.seq())).copies++;
      }
      retainedBytes += event.retainedBytes();
      retainedEvents++;
      if (topic.events.size() > config.maxEventsPerTopic()) {
        evictOldest(topic);
      }
    }
    while (retainedBytes > config.maxBytes() && !byOldest.isEmpty()) {
      evictOldest(byOldest.first());
    }
    evictExpired(nowMillis);
  }

  /** Evicts events older than {@code history.maxAgeSeconds}. */
  @Override
  public void evictExpired(long nowMillis) {
    long oldestAllowed = nowMillis - config.maxAgeSeconds() * 1000L;
    while (!byOldest.isEmpty() && byOldest.first().events.peekFirst().publishedAtMillis() < oldestAllowed) {
      evictOldest(byOldest.first());
    }
  }

  private TopicHistory topicForAppend(String name) {
    TopicHistory topic = topics.get(name);
    if (topic != null) {
      return topic;
    }
    if (topics.size() >= config.maxTopics()) {
      evictTopic(topics.values().iterator().next());
    }
    topic = new TopicHistory(name);
    // A topic that comes back keeps the watermark of what it lost (conservatively, the forgotten topics' one).
    Long evictedBefore = evictedTopics.remove(name);
    topic.evictedUpTo = evictedBefore == null ? forgottenTopicsUpTo : evictedBefore;
    topics.put(name, topic);
    return topic;
  }

  /** Evicts a topic's oldest event; a topic left empty leaves the map, remembered by its watermark. */
  private void evictOldest(TopicHistory topic) {
    // Every topic with events is in byOldest: alone there, it is this one, and its order cannot change (one topic
    // at full history is the common case, where the tree's removal and insertion per publish would cost most).
    boolean alone = byOldest.size() == 1;
    if (!alone) {
      byOldest.remove(topic);
    }
    Event event = topic.events.pollFirst();
    forget(event);
    topic.evictedUpTo = event.seq();
    eventsEvicted++;
    if (topic.events.isEmpty()) {
      if (alone) {
        byOldest.clear();
      }
      topics.remove(topic.name);
      rememberEvicted(topic.name, topic.evictedUpTo);
    } else if (!alone) {
      byOldest.add(topic);
    }
  }

  /** Evicts the least recently published topic whole. Topics in the map always hold at least one event. */
  private void evictTopic(TopicHistory topic) {
    byOldest.remove(topic);
    long upTo = topic.evictedUpTo;
    for (Event event : topic.events) {
      forget(event);
      upTo = event.seq();
      eventsEvicted++;
    }
    topics.remove(topic.name);
    topicsEvicted++;
    rememberEvicted(topic.name, upTo);
  }

  private void rememberEvicted(String name, long upTo) {
    evictedTopics.put(name, upTo);
    if (evictedTopics.size() > config.maxTopics()) {
      Iterator<Map.Entry<String, Long>> eldest = evictedTopics.entrySet().iterator();
      forgottenTopicsUpTo = Math.max(forgottenTopicsUpTo, eldest.next().getValue());
      eldest.remove();
    }
  }

  private void forget(Event event) {
    retainedBytes -= event.retainedBytes();
    retainedEvents--;
    if (ids.isGenerated(event.id(), event.seq())) {
      return;
    }
    IdEntry entry = idIndex.get(event.id());
    if (entry != null && --entry.copies == 0) {
      idIndex.remove(event.id());
      evictedIds.put(event.id(), event.seq());
      if (evictedIds.size() > MAX_REMEMBERED_EVICTED_IDS) {
        evictedIds.remove(evictedIds.keySet().iterator().next());
      }
    }
  }

  /**
   * What a subscription to {@code subscribed} that resumes after {@code lastEventId} (or null for a fresh one)
   * receives from history. Take it after the subscription's consumers are registered: every event is then either in
   * this snapshot or delivered live, and the connection drops live events it already replayed by sequence number.
   */
  @Override
  public Replay replay(List<Topic> subscribed, String lastEventId, long nowMillis) {
    return replay(subscribed, null, lastEventId, nowMillis);
  }

  @Override
  public Replay replay(List<Topic> subscribed, TopicMatcher patterns, String lastEventId, long nowMillis) {
    evictExpired(nowMillis);
    List<TopicHistory> present = new ArrayList<>(subscribed.size());
    for (Topic topic : subscribed) {
      TopicHistory history = topics.get(topic.name());
      if (history != null) {
        present.add(history);
      }
    }
    if (lastEventId == null) {
      // A fresh subscription replays nothing, so its patterns need not scan history: only named topics say where it
      // starts.
      return new Replay(false, List.of(), true, null, oldestId(present), newestId(present));
    }
    if (patterns != null) {
      for (TopicHistory history : topics.values()) {
        if (!present.contains(history) && patterns.matches(Topic.of(history.name))) {
          present.add(history);
        }
      }
    }
    String oldestId = oldestId(present);
    if (!config.enabled()) {
      return new Replay(true, List.of(), false, Replay.DISABLED, null, EventIds.EARLIEST);
    }
    long from;
    String reason = null;
    if (lastEventId.equals(EventIds.EARLIEST)) {
      from = 0;
    } else if (idIndex.containsKey(lastEventId)) {
      from = idIndex.get(lastEventId).seq;
    } else if (evictedIds.containsKey(lastEventId)) {
      from = evictedIds.get(lastEventId);
    } else if (ids.seqOf(lastEventId) >= 0 && ids.seqOf(lastEventId) <= lastSeq) {
      from = ids.seqOf(lastEventId);
    } else if (ids.isFromAnotherRun(lastEventId)) {
      from = 0;
      reason = Replay.RESTARTED;
    } else {
      return new Replay(true, List.of(), false, Replay.UNKNOWN_ID, oldestId, EventIds.EARLIEST);
    }
    if (reason == null && from > 0 && (lost(subscribed, from) || patterns != null && lost(patterns, from))) {
      reason = Replay.TOO_OLD;
    }
    List<Event> events = after(present, from);
    if (events.size() > config.maxReplayEvents()) {
      events = events.subList(events.size() - config.maxReplayEvents(), events.size());
      reason = reason == null ? Replay.TRUNCATED : reason;
    }
    String resumedFrom = reason == null && from > 0 ? lastEventId : EventIds.EARLIEST;
    return new Replay(true, events, reason == null, reason, oldestId, resumedFrom);
  }

  /** True when some event of these topics published after {@code from} has been evicted. */
  private boolean lost(List<Topic> subscribed, long from) {
    for (Topic topic : subscribed) {
      TopicHistory history = topics.get(topic.name());
      long evictedUpTo;
      if (history != null) {
        evictedUpTo = history.evictedUpTo;
      } else {
        evictedUpTo = Math.max(evictedTopics.getOrDefault(topic.name(), 0L), forgottenTopicsUpTo);
      }
      if (evictedUpTo > from) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when some event after {@code from} of a topic these patterns match has been evicted: from a retained topic,
   * with a topic remembered as evicted, or with a topic forgotten (which may have matched).
   */
  private boolean lost(TopicMatcher patterns, long from) {
    if (forgottenTopicsUpTo > from) {
      return true;
    }
    for (TopicHistory history : topics.values()) {
      if (history.evictedUpTo > from && patterns.matches(Topic.of(history.name))) {
        return true;
      }
    }
    for (Map.Entry<String, Long> evicted : evictedTopics.entrySet()) {
      if (evicted.getValue() > from && patterns.matches(Topic.of(evicted.getKey()))) {
        return true;
      }
    }
    return false;
  }

  /** Retained events of these topics after {@code from}, in publish order, one per event even if on several. */
  private static List<Event> after(List<TopicHistory> present, long from) {
    List<Event> events = new ArrayList<>();
    for (TopicHistory history : present) {
      Iterator<Event> newestFirst = history.events.descendingIterator();
      int start = events.size();
      while (newestFirst.hasNext()) {
        Event event = newestFirst.next();
        if (event.seq() <= from) {
          break;
        }
        events.add(event);
      }
      Collections.reverse(events.subList(start, events.size()));
    }
    if (present.size() > 1) {
      // Of an event on several subscribed topics, keep the copy a live delivery would have brought first.
      events.sort(Comparator.comparingLong(Event::seq).thenComparingInt(Event::copyIndex));
      long previous = -1;
      for (Iterator<Event> it = events.iterator(); it.hasNext(); ) {
        long seq = it.next().seq();
        if (seq == previous) {
          it.remove();
        }
        previous = seq;
      }
    }
    return events;
  }

  /**
   * The id of the oldest public event of these topics, or null. Private events are passed over: their ids go to
   * subscribers who may not receive them (in a header, in the replay signal).
   */
  private static String oldestId(List<TopicHistory> present) {
    Event oldest = null;
    for (TopicHistory history : present) {
      Event first = firstPublic(history.events.iterator());
      if (first != null && (oldest == null || first.seq() < oldest.seq())) {
        oldest = first;
      }
    }
    return oldest == null ? null : oldest.id();
  }

  /** The id of the newest public event of these topics, or {@code earliest}; private ones are passed over. */
  private static String newestId(List<TopicHistory> present) {
    Event newest = null;
    for (TopicHistory history : present) {
      Event last = firstPublic(history.events.descendingIterator());
      if (last != null && (newest == null || last.seq() > newest.seq())) {
        newest = last;
      }
    }
    return newest == null ? EventIds.EARLIEST : newest.id();
  }

  private static Event firstPublic(Iterator<Event> events) {
    while (events.hasNext()) {
      Event event = events.next();
      if (!event.isPrivate()) {
        return event;
      }
    }
    return null;
  }

  /** Counters for {@code /stats}. */
  @Override
  public Map<String, Long> stats() {
    Map<String, Long> stats = new LinkedHashMap<>();
    stats.put("topics", (long) topics.size());
    stats.put("events", retainedEvents);
    stats.put("bytes", retainedBytes);
    stats.put("eventsEvicted", eventsEvicted);
    stats.put("topicsEvicted", topicsEvicted);
    return stats;
  }

}
