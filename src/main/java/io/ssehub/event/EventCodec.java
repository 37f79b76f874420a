package io.ssehub.event;

import io.vertx.core.buffer.Buffer;

/**
 * Event-bus codec for {@link Event}. Locally the event is immutable, so {@link #transform} hands every consumer the
 * same instance and its already-encoded frame: no copy per subscriber. On the wire (a clustered bus) it carries the
 * fields, and the receiving node encodes the frame once.
 */
public final class EventCodec extends SharedObjectCodec<Event> {

  public static final String NAME = "ssehub.event";

  public EventCodec() {
    super(NAME);
  }

  @Override
  public void encodeToWire(Buffer buffer, Event event) {
    buffer.appendLong(event.seq()).appendLong(event.publishedAtMillis())
        .appendLong(event.retry() == null ? -1 : event.retry()).appendInt(event.copyIndex());
    writeString(buffer, event.id());
    writeString(buffer, event.topic().name());
    writeString(buffer, event.type());
    writeString(buffer, event.data());
  }

  @Override
  public Event decodeFromWire(int pos, Buffer buffer) {
    long seq = buffer.getLong(pos);
    long publishedAt = buffer.getLong(pos + 8);
    long retry = buffer.getLong(pos + 16);
    int copyIndex = buffer.getInt(pos + 24);
    int[] cursor = {pos + 28};
    String id = readString(buffer, cursor);
    String topic = readString(buffer, cursor);
    String type = readString(buffer, cursor);
    String data = readString(buffer, cursor);
    Event event = Event.create(seq, id, Topic.of(topic), type, retry < 0 ? null : retry, data, publishedAt);
    return copyIndex == 0 ? event : event.onTopic(event.topic(), copyIndex);
  }
}
