package io.ssehub.history;

import io.ssehub.config.HistoryConfig;
import io.ssehub.event.Event;
import io.ssehub.event.EventIds;
import io.ssehub.event.Topic;
import io.ssehub.event.TopicMatcher;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@link HistoryStore} contract, driven directly (the HTTP side is in ReplayTest): order, bounds, honest replay
 * and ids. Every implementation gets a subclass that says how to make one; the tests are the same for all.
 */
abstract class HistoryStoreContract {

  private static final long START = 1_764_000_000_000L;
  private final EventIds ids = new EventIds(START);
  private long seq;

  /** A new, empty store with these bounds, whose generated ids are those of {@code ids}. */
  protected abstract HistoryStore newStore(HistoryConfig config, EventIds ids);

  private HistoryStore history(int perTopic, int maxAge, int maxTopics, int maxReplay, int maxBytes) {
    return newStore(new HistoryConfig(perTopic, maxAge, maxTopics, maxReplay, maxBytes), ids);
  }

  private Event append(HistoryStore history, long now, String... topics) {
    return appendWithId(history, null, now, topics);
  }

  /** Appends an event with a publisher-given id (a generated one when {@code id} is null). */
  private Event appendWithId(HistoryStore history, String id, long now, String... topics) {
    seq++;
    List<Topic> names = new ArrayList<>();
    for (String topic : topics) {
      names.add(Topic.of(topic));
    }
    Event first = Event.create(seq, id == null ? ids.generate(seq) : id, names, null, null, "e" + seq, now, false);
    history.append(first.copies(), now);
    return first;
  }

  private static List<String> data(Replay replay) {
    return replay.events().stream().map(Event::data).toList();
  }

  private static List<Topic> topics(String... names) {
    return List.of(names).stream().map(Topic::of).toList();
  }

  @Test
  void replaysEventsAfterTheIdInOrderAcrossTopics() {
    HistoryStore history = history(100, 3600, 100, 100, 1 << 20);
    Event first = append(history, START, "a");
    append(history, START, "b");
    append(history, START, "c");
    append(history, START, "a", "b");
    Replay replay = history.replay(topics("a", "b"), first.id(), START);
    assertTrue(replay.requested());
    assertTrue(replay.complete());
    assertEquals(List.of("e2", "e4"), data(replay), "e4 is on both topics and comes once");
    assertEquals(first.id(), replay.resumedFrom());
    assertEquals(first.id(), replay.oldestId());
  }

  @Test
  void aPatternReplaysEveryRetainedTopicItMatchesOncePerEvent() {
    HistoryStore history = history(100, 3600, 100, 100, 1 << 20);
    Event first = append(history, START, "books/1");
    append(history, START, "authors/1");
    append(history, START, "books/2");
    append(history, START, "books/1", "books/2");
    TopicMatcher books = topic -> topic.name().startsWith("books/");
    Replay replay = history.replay(List.of(), books, EventIds.EARLIEST, START);
    assertTrue(replay.complete());
    assertEquals(List.of("e1", "e3", "e4"), data(replay));
    assertEquals(List.of("e3", "e4"), data(history.replay(List.of(), books, first.id(), START)));
    assertEquals(List.of("e2", "e3", "e4"), data(history.replay(topics("authors/1"), books, first.id(), START)),
        "named topics and a pattern together");
    assertEquals(null, history.replay(List.of(), books, null, START).oldestId(),
        "a fresh subscription replays nothing: its patterns do not scan history");
  }

  @Test
  void aPatternReplayIsIncompleteWhenATopicItMayMatchLostEvents() {
    HistoryStore history = history(1, 3600, 100, 100, 1 << 20);
    Event first = append(history, START, "books/1");
    append(history, START, "books/2");
    append(history, START, "books/2"); // evicts books/2's first event, after "first"
    Replay lossy = history.replay(List.of(), topic -> topic.name().startsWith("books/"), first.id(), START);
    assertFalse(lossy.complete());
    assertEquals("too-old", lossy.reason());
    Replay elsewhere = history.replay(List.of(), topic -> topic.name().startsWith("authors/"), first.id(), START);
    assertTrue(elsewhere.complete(), "a loss on topics the pattern does not match does not count");
  }

  /** Ids a stream is told of (its resumption header, the replay signal) are never those of private events. */
  @Test
  void theIdsAStreamIsToldOfAreThoseOfPublicEvents() {
    HistoryStore history = history(100, 3600, 100, 100, 1 << 20);
    history.append(Event.create(++seq, "hidden-first", List.of(Topic.of("a")), null, null, "p", START, true)
        .copies(), START);
    Event shown = append(history, START, "a");
    history.append(Event.create(++seq, "hidden-last", List.of(Topic.of("a")), null, null, "p", START, true)
        .copies(), START);
    Replay fresh = history.replay(topics("a"), null, START);
    assertEquals(shown.id(), fresh.resumedFrom());
    assertEquals(shown.id(), fresh.oldestId());
  }

  @Test
  void resumesFromAnIdOfAnotherTopic() {
    HistoryStore history = history(100, 3600, 100, 100, 1 << 20);
    append(history, START, "a");
    Event other = append(history, START, "z");
    append(history, START, "a");
    Replay replay = history.replay(topics("a"), other.id(), START);
    assertTrue(replay.complete());
    assertEquals(List.of("e3"), data(replay));
  }

  @Test
  void eventsMissedBeforeASequenceMakeOlderReplaysTooOld() {
    HistoryStore history = history(100, 3600, 100, 100, 1 << 20);
    Event seen = append(history, START, "a");
    Event before = append(history, START, "b");
    seq += 5; // events this store never received (a node that missed part of its cluster's feed)
    history.missedBefore(seq + 1);
    append(history, START, "a");
    Replay fromOld = history.replay(topics("a", "new"), seen.id(), START);
    assertFalse(fromOld.complete());
    assertEquals("too-old", fromOld.reason());
    assertEquals(List.of("e8"), data(fromOld));
    Replay fromNewTopic = history.replay(topics("new"), before.id(), START);
    assertEquals("too-old", fromNewTopic.reason(), "a topic it never saw may have had events too");
    Event last = append(history, START, "a");
    Replay fromRecent = history.replay(topics("a"), last.id(), START);
    assertTrue(fromRecent.complete());
  }

  @Test
  void aStoreRestoredFromASnapshotReplaysAsTheOriginalDoes() {
    HistoryStore original = history(2, 3600, 2, 100, 1 << 20);
    List<String> positions = new ArrayList<>(List.of("earliest"));
    positions.add(append(original, START, "a").id());
    positions.add(appendWithId(original, "given-1", START, "b", "a").id());
    positions.add(append(original, START, "a").id());
    positions.add(append(original, START, "c").id()); // the third topic: b is evicted whole
    positions.add(append(original, START, "a").id()); // a's count bound evicts its oldest
    positions.add(appendWithId(original, "given-2", START, "c").id());
    HistoryStore copy = history(2, 3600, 2, 100, 1 << 20);
    copy.restore(original.snapshot(0), START);
    for (String position : positions) {
      for (List<Topic> subscribed : List.of(topics("a"), topics("b"), topics("c"), topics("a", "b", "c"))) {
        Replay expected = original.replay(subscribed, position, START);
        Replay actual = copy.replay(subscribed, position, START);
        String what = subscribed + " from " + position;
        assertEquals(data(expected), data(actual), what);
        assertEquals(expected.complete(), actual.complete(), what);
        assertEquals(expected.reason(), actual.reason(), what);
        assertEquals(expected.resumedFrom(), actual.resumedFrom(), what);
      }
    }
    assertTrue(copy.containsId("given-2"));
    assertTrue(copy.containsId("given-1"), "an evicted given id stays taken in the copy too");
    assertEquals(original.stats().get("events"), copy.stats().get("events"));
  }

  @Test
  void aSnapshotAfterAPositionHoldsOnlyLaterEvents() {
    HistoryStore history = history(100, 3600, 100, 100, 1 << 20);
    append(history, START, "a");
    Event second = append(history, START, "b", "a");
    append(history, START, "a");
    HistorySnapshot snapshot = history.snapshot(second.seq() - 1);
    assertEquals(List.of(List.of("e2", "e2"), List.of("e3")),
        snapshot.events().stream().map(copies -> copies.stream().map(Event::data).toList()).toList());
    assertEquals(List.of("b", "a"), snapshot.events().get(0).stream().map(e -> e.topic().name()).toList(),
        "the copies of one event, in the publisher's order");
    assertEquals(second.seq() + 1, snapshot.lastSeq());
  }

  @Test
  void freshSubscriptionGetsNothingButTheNewestIdAsResumePoint() {
    HistoryStore history = history(100, 3600, 100, 100, 1 << 20);
    append(history, START, "a");
    Event newest = append(history, START, "b");
    Replay replay = history.replay(topics("a", "b"), null, START);
    assertFalse(replay.requested());
    assertEquals(List.of(), replay.events());
    assertEquals(newest.id(), replay.resumedFrom());
    assertEquals("earliest", history.replay(topics("none"), null, START).resumedFrom());
  }

  @Test
  void earliestReplaysEverythingRetained() {
    HistoryStore history = history(2, 3600, 100, 100, 1 << 20);
    append(history, START, "a");
    append(history, START, "a");
    append(history, START, "a");
    Replay replay = history.replay(topics("a"), "earliest", START);
    assertTrue(replay.complete());
    assertEquals(List.of("e2", "e3"), data(replay));
    assertEquals("earliest", replay.resumedFrom());
  }

  @Test
  void countBoundEvictsAndReplayFromBeforeItIsTooOld() {
    HistoryStore history = history(2, 3600, 100, 100, 1 << 20);
    Event first = append(history, START, "a");
    append(history, START, "a");
    append(history, START, "a");
    append(history, START, "a");
    Replay replay = history.replay(topics("a"), first.id(), START);
    assertFalse(replay.complete());
    assertEquals(Replay.TOO_OLD, replay.reason());
    assertEquals(List.of("e3", "e4"), data(replay));
    assertEquals("earliest", replay.resumedFrom());
    assertEquals(ids.generate(3), replay.oldestId());
    assertEquals(2L, history.stats().get("events"));
    assertEquals(2L, history.stats().get("eventsEvicted"));
  }

  @Test
  void anEvictedIdWhoseTopicsLostNothingStillResumesCompletely() {
    HistoryStore history = history(1, 3600, 100, 100, 1 << 20);
    Event onZ = append(history, START, "z");
    append(history, START, "z");
    append(history, START, "a");
    Replay replay = history.replay(topics("a"), onZ.id(), START);
    assertTrue(replay.complete(), "the id's own event is gone, but topic a lost nothing after it");
    assertEquals(List.of("e3"), data(replay));
  }

  @Test
  void ageBoundEvicts() {
    HistoryStore history = history(100, 10, 100, 100, 1 << 20);
    Event before = append(history, START, "z");
    Event old = append(history, START, "a");
    append(history, START + 5_000, "a");
    history.evictExpired(START + 10_001);
    assertEquals(1L, history.stats().get("events"));
    Replay fromOld = history.replay(topics("a"), old.id(), START + 10_001);
    assertTrue(fromOld.complete(), "e2 expired, but the client had it, and e3 survives");
    assertEquals(List.of("e3"), data(fromOld));
    Replay fromBefore = history.replay(topics("a"), before.id(), START + 10_001);
    assertEquals(Replay.TOO_OLD, fromBefore.reason(), "e2 was after the client's position and expired");
    assertEquals(List.of("e3"), data(fromBefore));
  }

  @Test
  void byteBoundEvictsTheOldestEventsFirstAcrossTopics() {
    Event probe = Event.create(1, ids.generate(1), Topic.of("a"), null, null, "e1", START);
    HistoryStore history = history(100, 3600, 100, 100, (int) (probe.retainedBytes() * 3));
    append(history, START, "a");
    append(history, START, "b");
    append(history, START, "a");
    append(history, START, "c");
    assertEquals(3L, history.stats().get("events"));
    assertEquals(List.of("e3"), data(history.replay(topics("a"), "earliest", START)));
    assertEquals(List.of("e2"), data(history.replay(topics("b"), "earliest", START)));
  }

  @Test
  void topicBoundEvictsTheLeastRecentlyPublishedTopicWhole() {
    HistoryStore history = history(100, 3600, 2, 100, 1 << 20);
    Event first = append(history, START, "a");
    append(history, START, "b");
    append(history, START, "a");
    append(history, START, "c");
    assertEquals(2L, history.stats().get("topics"));
    assertEquals(1L, history.stats().get("topicsEvicted"));
    Replay lostB = history.replay(topics("b"), first.id(), START);
    assertEquals(Replay.TOO_OLD, lostB.reason(), "b was evicted with an event after the client's position");
    assertNull(lostB.oldestId());
    assertTrue(history.replay(topics("a"), first.id(), START).complete());
  }

  @Test
  void replayIsCappedToTheNewestEvents() {
    HistoryStore history = history(100, 3600, 100, 2, 1 << 20);
    Event first = append(history, START, "a");
    append(history, START, "a");
    append(history, START, "a");
    append(history, START, "a");
    Replay replay = history.replay(topics("a"), first.id(), START);
    assertEquals(Replay.TRUNCATED, replay.reason());
    assertEquals(List.of("e3", "e4"), data(replay));
  }

  @Test
  void unknownAndEarlierRunIds() {
    HistoryStore history = history(100, 3600, 100, 100, 1 << 20);
    append(history, START, "a");
    Replay unknown = history.replay(topics("a"), "never-published", START);
    assertEquals(Replay.UNKNOWN_ID, unknown.reason());
    assertEquals(List.of(), unknown.events());
    assertEquals(ids.generate(1), unknown.oldestId());
    String earlierRun = new EventIds(START - 60_000).generate(5);
    Replay restarted = history.replay(topics("a"), earlierRun, START);
    assertEquals(Replay.RESTARTED, restarted.reason());
    assertEquals(List.of("e1"), data(restarted), "everything retained is newer than an earlier run");
    assertEquals(Replay.UNKNOWN_ID, history.replay(topics("a"), ids.generate(99), START).reason(),
        "an id of this run that was never issued");
    assertEquals(Replay.UNKNOWN_ID, history.replay(topics("a"), "orders-42", START).reason(),
        "a word is not an epoch");
  }

  @Test
  void disabledHistoryRetainsNothingAndSaysSo() {
    HistoryStore history = history(0, 3600, 100, 100, 1 << 20);
    Event event = append(history, START, "a");
    assertEquals(0L, history.stats().get("events"));
    assertFalse(history.containsId(event.id()));
    Replay replay = history.replay(topics("a"), event.id(), START);
    assertEquals(Replay.DISABLED, replay.reason());
  }

  @Test
  void aTopicEmptiedByAgeLeavesTheMapAndTopicEvictionStillWorks() {
    HistoryStore history = history(100, 1, 2, 100, 1 << 20);
    Event first = append(history, START - 500, "z");
    append(history, START, "a");
    history.evictExpired(START + 1_001);
    assertEquals(0L, history.stats().get("topics"), "an emptied topic is not kept");
    append(history, START + 2_000, "b");
    append(history, START + 2_000, "c");
    append(history, START + 2_000, "d");
    assertEquals(2L, history.stats().get("topics"));
    assertEquals(Replay.TOO_OLD, history.replay(topics("a"), first.id(), START + 2_000).reason(),
        "the emptied topic's watermark is remembered");
    assertEquals(List.of("e5"), data(history.replay(topics("d"), "earliest", START + 2_000)));
  }

  @Test
  void explicitIdsOfEvictedEventsStayTakenAndResumable() {
    HistoryStore history = history(1, 3600, 100, 100, 1 << 20);
    seq++;
    history.append(List.of(Event.create(seq, "mine", Topic.of("a"), null, null, "e" + seq, START)), START);
    append(history, START, "a");
    append(history, START, "a");
    assertTrue(history.containsId("mine"), "evicted, but a client may still hold it");
    Replay replay = history.replay(topics("a"), "mine", START);
    assertEquals(Replay.TOO_OLD, replay.reason());
    assertEquals(List.of("e3"), data(replay));
  }

  @Test
  void anEventOnSeveralTopicsIsReplayedAsItsFirstPublishedTopic() {
    HistoryStore history = history(100, 3600, 100, 100, 1 << 20);
    Event start = append(history, START, "z");
    append(history, START, "nb", "na");
    Replay replay = history.replay(topics("na", "nb"), start.id(), START);
    assertEquals(List.of("nb"), replay.events().stream().map(e -> e.topic().name()).toList(),
        "the copy a live delivery brings first, whatever the subscription's order");
  }

  @Test
  void aGivenIdStaysTakenWhileRetainedAndAfter() {
    HistoryStore history = history(1, 3600, 100, 100, 1 << 20);
    Event both = appendWithId(history, "given-1", START, "a", "b");
    assertTrue(history.containsId(both.id()));
    append(history, START, "a");
    assertTrue(history.containsId(both.id()), "still retained on b");
    append(history, START, "b");
    assertTrue(history.containsId(both.id()), "gone from history, remembered: a client may still resume from it");
    assertFalse(history.containsId("given-2"));
  }
}
