package io.ssehub.event;

import io.ssehub.sse.SseEncoder;
import io.vertx.core.buffer.Buffer;

import java.util.Objects;

/**
 * One published event. Its SSE bytes are encoded once, when it is created, and the same {@link Buffer} is written
 * to every subscriber (writing a Buffer does not consume it).
 *
 * @param topic the topic it was published on
 * @param data  the payload, any text, line breaks included
 * @param frame the encoded {@code text/event-stream} bytes
 */
public record Event(Topic topic, String data, Buffer frame) {

  public Event {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(frame, "frame");
  }

  /** Creates an event and encodes its frame. */
  public static Event of(Topic topic, String data) {
    return new Event(topic, data, SseEncoder.event(data));
  }
}
