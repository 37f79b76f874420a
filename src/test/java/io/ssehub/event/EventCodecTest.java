package io.ssehub.event;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class EventCodecTest {

  private final EventCodec codec = new EventCodec();

  @Test
  void localDeliverySharesTheSameEventAndFrame() {
    Event event = Event.of(Topic.of("t"), "x");
    assertSame(event, codec.transform(event));
  }

  @Test
  void wireRoundTripKeepsTopicDataAndFrame() {
    Event event = Event.of(Topic.of("tøpic"), "multi\nline ✓");
    Buffer wire = Buffer.buffer("prefix");
    codec.encodeToWire(wire, event);
    Event decoded = codec.decodeFromWire("prefix".length(), wire);
    assertEquals(event.topic(), decoded.topic());
    assertEquals(event.data(), decoded.data());
    assertEquals(event.frame(), decoded.frame());
  }
}
