package io.ssehub.event;

import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.List;

/**
 * Event-bus codec for {@link EventCopies}: the previous sequence number, the other copies' topics, then the first
 * copy as {@link EventCodec} writes it. The receiving node encodes the event's frame once, and its copies share it,
 * as on the publishing node.
 */
public final class EventCopiesCodec extends SharedObjectCodec<EventCopies> {

  public static final String NAME = "ssehub.eventCopies";

  private final EventCodec events = new EventCodec();

  public EventCopiesCodec() {
    super(NAME);
  }

  @Override
  public void encodeToWire(Buffer buffer, EventCopies event) {
    List<Event> copies = event.copies();
    buffer.appendLong(event.prevSeq()).appendInt(copies.size());
    for (int i = 1; i < copies.size(); i++) {
      writeString(buffer, copies.get(i).topic().name());
    }
    events.encodeToWire(buffer, copies.get(0));
  }

  @Override
  public EventCopies decodeFromWire(int pos, Buffer buffer) {
    long prevSeq = buffer.getLong(pos);
    int count = buffer.getInt(pos + 8);
    int[] cursor = {pos + 12};
    List<String> topics = new ArrayList<>(count);
    for (int i = 1; i < count; i++) {
      topics.add(readString(buffer, cursor));
    }
    Event first = events.decodeFromWire(cursor[0], buffer);
    List<Event> copies = new ArrayList<>(count);
    copies.add(first);
    for (int i = 1; i < count; i++) {
      copies.add(first.onTopic(Topic.of(topics.get(i - 1)), i));
    }
    return new EventCopies(prevSeq, copies);
  }



}
