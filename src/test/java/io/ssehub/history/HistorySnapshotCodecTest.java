package io.ssehub.history;

import io.ssehub.event.Event;
import io.ssehub.event.Topic;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistorySnapshotCodecTest {

  private final HistorySnapshotCodec codec = new HistorySnapshotCodec();

  @Test
  void wireRoundTripKeepsEventsCopiesAndWatermarks() {
    Event first = Event.create(7, "e-7", Topic.of("a"), null, null, "one", 100);
    Event second = Event.create(9, "given", List.of(Topic.of("b"), Topic.of("c")), "kind", 2000L, "two\nlines ✓",
        200, true);
    HistorySnapshot snapshot = new HistorySnapshot(11, List.of(List.of(first), second.copies()),
        Map.of("a", 5L, "gone", 6L), 3, Map.of("old-id", 4L));
    Buffer wire = Buffer.buffer("prefix");
    codec.encodeToWire(wire, snapshot);
    HistorySnapshot decoded = codec.decodeFromWire("prefix".length(), wire);
    assertEquals(11, decoded.lastSeq());
    assertEquals(3, decoded.forgottenUpTo());
    assertEquals(snapshot.evictedUpTo(), decoded.evictedUpTo());
    assertEquals(snapshot.evictedIds(), decoded.evictedIds());
    assertEquals(2, decoded.events().size());
    Event copy = decoded.events().get(1).get(1);
    assertEquals(List.of(9L, "given", "c", "kind", 2000L, "two\nlines ✓", 200L, 1),
        List.of(copy.seq(), copy.id(), copy.topic().name(), copy.type(), copy.retry(), copy.data(),
            copy.publishedAtMillis(), copy.copyIndex()));
    assertSame(decoded.events().get(1).get(0).frame(), copy.frame(), "the copies share one frame");
    assertEquals(List.of(Topic.of("b"), Topic.of("c")), copy.topics());
    assertTrue(copy.isPrivate(), "a private event stays private on the wire");
    assertFalse(decoded.events().get(0).get(0).isPrivate());
    assertEquals(first.frame(), decoded.events().get(0).get(0).frame());
  }

  /** An event that already left some of its topics' histories comes back with the copies still retained only. */
  @Test
  void onlyTheRetainedCopiesTravel() {
    Event event = Event.create(5, "e-5", List.of(Topic.of("a"), Topic.of("b"), Topic.of("c")), null, null, "x", 1,
        false);
    HistorySnapshot snapshot = new HistorySnapshot(5, List.of(List.of(event.copy(1), event.copy(2))), Map.of(), 0,
        Map.of());
    Buffer wire = Buffer.buffer();
    codec.encodeToWire(wire, snapshot);
    List<Event> copies = codec.decodeFromWire(0, wire).events().get(0);
    assertEquals(List.of(Topic.of("b"), Topic.of("c")), copies.stream().map(Event::topic).toList());
    assertEquals(List.of(1, 2), copies.stream().map(Event::copyIndex).toList());
  }

  @Test
  void localDeliveryPassesTheSnapshotAsItIs() {
    HistorySnapshot snapshot = new HistorySnapshot(0, List.of(), Map.of(), 0, Map.of());
    assertSame(snapshot, codec.transform(snapshot));
  }
}
