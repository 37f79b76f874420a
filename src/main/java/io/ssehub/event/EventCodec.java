package io.ssehub.event;

import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.List;

/**
 * Event-bus codec for {@link Event}. Locally the event is immutable, so {@link #transform} hands every consumer the
 * same instance and its already-encoded frame: no copy per subscriber. On the wire (a clustered bus) it carries the
 * fields (every topic of the event, and which copy this is), and the receiving node encodes the frame once.
 */
public final class EventCodec extends SharedObjectCodec<Event> {

  public static final String NAME = "ssehub.event";

  public EventCodec() {
    super(NAME);
  }

  @Override
  public void encodeToWire(Buffer buffer, Event event) {
    buffer.appendLong(event.seq()).appendLong(event.publishedAtMillis())
        .appendLong(event.retry() == null ? -1 : event.retry()).appendInt(event.copyIndex())
        .appendByte((byte) (event.isPrivate() ? 1 : 0)).appendInt(event.topics().size());
    for (Topic topic : event.topics()) {
      writeString(buffer, topic.name());
    }
    writeString(buffer, event.id());
    writeString(buffer, event.type());
    writeString(buffer, event.data());
  }

  @Override
  public Event decodeFromWire(int pos, Buffer buffer) {
    long seq = buffer.getLong(pos);
    long publishedAt = buffer.getLong(pos + 8);
    long retry = buffer.getLong(pos + 16);
    int copyIndex = buffer.getInt(pos + 24);
    boolean privateUpdate = buffer.getByte(pos + 28) != 0;
    int count = buffer.getInt(pos + 29);
    int[] cursor = {pos + 33};
    List<Topic> topics = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      topics.add(Topic.of(readString(buffer, cursor)));
    }
    String id = readString(buffer, cursor);
    String type = readString(buffer, cursor);
    String data = readString(buffer, cursor);
    return Event.create(seq, id, topics, type, retry < 0 ? null : retry, data, publishedAt, privateUpdate)
        .copy(copyIndex);
  }
}
