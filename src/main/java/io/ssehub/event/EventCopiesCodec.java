package io.ssehub.event;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Event-bus codec for {@link EventCopies}: the previous sequence number, the other copies' topics, then the first
 * copy as {@link EventCodec} writes it. The receiving node encodes the event's frame once, and its copies share it,
 * as on the publishing node.
 */
public final class EventCopiesCodec implements MessageCodec<EventCopies, EventCopies> {

  public static final String NAME = "ssehub.eventCopies";

  private final EventCodec events = new EventCodec();

  @Override
  public void encodeToWire(Buffer buffer, EventCopies event) {
    List<Event> copies = event.copies();
    buffer.appendLong(event.prevSeq()).appendInt(copies.size());
    for (int i = 1; i < copies.size(); i++) {
      byte[] topic = copies.get(i).topic().name().getBytes(StandardCharsets.UTF_8);
      buffer.appendInt(topic.length).appendBytes(topic);
    }
    events.encodeToWire(buffer, copies.get(0));
  }

  @Override
  public EventCopies decodeFromWire(int pos, Buffer buffer) {
    long prevSeq = buffer.getLong(pos);
    int count = buffer.getInt(pos + 8);
    int cursor = pos + 12;
    List<String> topics = new ArrayList<>(count);
    for (int i = 1; i < count; i++) {
      int length = buffer.getInt(cursor);
      topics.add(buffer.getString(cursor + 4, cursor + 4 + length, StandardCharsets.UTF_8.name()));
      cursor += 4 + length;
    }
    Event first = events.decodeFromWire(cursor, buffer);
    List<Event> copies = new ArrayList<>(count);
    copies.add(first);
    for (int i = 1; i < count; i++) {
      copies.add(first.onTopic(Topic.of(topics.get(i - 1)), i));
    }
    return new EventCopies(prevSeq, copies);
  }

  @Override
  public EventCopies transform(EventCopies event) {
    return event;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
