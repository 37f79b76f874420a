package io.ssehub.event;

import io.vertx.core.buffer.Buffer;


/**
 * Event-bus codec for {@link EventCopies}: the previous sequence number, then the first copy as {@link EventCodec}
 * writes it, which holds every topic. The receiving node encodes the event's frame once, and its copies share it,
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
    buffer.appendLong(event.prevSeq());
    events.encodeToWire(buffer, event.copies().get(0));
  }

  @Override
  public EventCopies decodeFromWire(int pos, Buffer buffer) {
    return new EventCopies(buffer.getLong(pos), events.decodeFromWire(pos + 8, buffer).copies());
  }
}
