package io.ssehub.event;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

import java.nio.charset.StandardCharsets;

/**
 * Event-bus codec for {@link Event}. Locally the event is immutable, so {@link #transform} hands every consumer the
 * same instance and its already-encoded frame: no copy per subscriber. On the wire (a clustered bus) it carries the
 * fields, and the receiving node encodes the frame once.
 */
public final class EventCodec implements MessageCodec<Event, Event> {

  public static final String NAME = "ssehub.event";

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

  @Override
  public Event transform(Event event) {
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

  private static void writeString(Buffer buffer, String value) {
    if (value == null) {
      buffer.appendInt(-1);
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    buffer.appendInt(bytes.length).appendBytes(bytes);
  }

  private static String readString(Buffer buffer, int[] cursor) {
    int length = buffer.getInt(cursor[0]);
    cursor[0] += 4;
    if (length < 0) {
      return null;
    }
    String value = buffer.getString(cursor[0], cursor[0] + length, StandardCharsets.UTF_8.name());
    cursor[0] += length;
    return value;
  }
}
