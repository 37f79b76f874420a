package io.ssehub.history;

import io.ssehub.event.Event;
import io.ssehub.event.EventCopies;
import io.ssehub.event.EventCopiesCodec;
import io.ssehub.event.SharedObjectCodec;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Event-bus codec for {@link HistorySnapshot}, which the cluster's leader sends a node that joins: the sequence
 * numbers, then each event: the indexes of its copies still retained, then as {@link EventCopiesCodec} writes it
 * (preceded by its length), then the loss watermarks
 * and the evicted ids. Locally the snapshot passes as it is.
 */
public final class HistorySnapshotCodec extends SharedObjectCodec<HistorySnapshot> {

  public static final String NAME = "ssehub.historySnapshot";

  private final EventCopiesCodec events = new EventCopiesCodec();

  public HistorySnapshotCodec() {
    super(NAME);
  }

  @Override
  public void encodeToWire(Buffer buffer, HistorySnapshot snapshot) {
    buffer.appendLong(snapshot.lastSeq()).appendLong(snapshot.forgottenUpTo()).appendInt(snapshot.events().size());
    for (List<Event> copies : snapshot.events()) {
      // The copies still retained, by index: an event may have left some of its topics' histories already.
      buffer.appendInt(copies.size());
      for (Event copy : copies) {
        buffer.appendInt(copy.copyIndex());
      }
      int lengthAt = buffer.length();
      buffer.appendInt(0);
      events.encodeToWire(buffer, new EventCopies(0, copies));
      buffer.setInt(lengthAt, buffer.length() - lengthAt - 4);
    }
    writeMap(buffer, snapshot.evictedUpTo());
    writeMap(buffer, snapshot.evictedIds());
  }

  @Override
  public HistorySnapshot decodeFromWire(int pos, Buffer buffer) {
    long lastSeq = buffer.getLong(pos);
    long forgottenUpTo = buffer.getLong(pos + 8);
    int count = buffer.getInt(pos + 16);
    int[] cursor = {pos + 20};
    List<List<Event>> list = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int retained = buffer.getInt(cursor[0]);
      int[] indexes = new int[retained];
      for (int j = 0; j < retained; j++) {
        indexes[j] = buffer.getInt(cursor[0] + 4 + 4 * j);
      }
      cursor[0] += 4 + 4 * retained;
      int length = buffer.getInt(cursor[0]);
      Event event = events.decodeFromWire(cursor[0] + 4, buffer).copies().get(0);
      List<Event> copies = new ArrayList<>(retained);
      for (int index : indexes) {
        copies.add(event.copy(index));
      }
      list.add(copies);
      cursor[0] += 4 + length;
    }
    Map<String, Long> evictedUpTo = readMap(buffer, cursor);
    Map<String, Long> evictedIds = readMap(buffer, cursor);
    return new HistorySnapshot(lastSeq, list, evictedUpTo, forgottenUpTo, evictedIds);
  }

  private static void writeMap(Buffer buffer, Map<String, Long> map) {
    buffer.appendInt(map.size());
    map.forEach((key, value) -> {
      writeString(buffer, key);
      buffer.appendLong(value);
    });
  }

  private static Map<String, Long> readMap(Buffer buffer, int[] cursor) {
    int size = buffer.getInt(cursor[0]);
    cursor[0] += 4;
    Map<String, Long> map = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      String key = readString(buffer, cursor);
      map.put(key, buffer.getLong(cursor[0]));
      cursor[0] += 8;
    }
    return map;
  }



}
