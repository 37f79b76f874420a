package io.ssehub.event;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

import java.nio.charset.StandardCharsets;

/**
 * Event-bus codec for {@link Event}. Locally the event is immutable, so {@link #transform} hands every consumer the
 * same instance and its already-encoded frame: no copy per subscriber. On the wire (a clustered bus) it carries the
 * topic and data, and the receiving node encodes the frame once.
 */
public final class EventCodec implements MessageCodec<Event, Event> {

  public static final String NAME = "ssehub.event";

  @Override
  public void encodeToWire(Buffer buffer, Event event) {
    writeString(buffer, event.topic().name());
    writeString(buffer, event.data());
  }

  @Override
  public Event decodeFromWire(int pos, Buffer buffer) {
    int topicLength = buffer.getInt(pos);
    String topic = buffer.getString(pos + 4, pos + 4 + topicLength, StandardCharsets.UTF_8.name());
    int dataPos = pos + 4 + topicLength;
    int dataLength = buffer.getInt(dataPos);
    String data = buffer.getString(dataPos + 4, dataPos + 4 + dataLength, StandardCharsets.UTF_8.name());
    return Event.of(Topic.of(topic), data);
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
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    buffer.appendInt(bytes.length).appendBytes(bytes);
  }
}
