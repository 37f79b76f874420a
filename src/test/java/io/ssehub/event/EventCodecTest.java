package io.ssehub.event;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventCodecTest {

  private final EventCodec codec = new EventCodec();

  @Test
  void localDeliverySharesTheSameEventAndFrame() {
    Event event = Event.create(1, "a-1", Topic.of("t"), null, null, "x", 0);
    assertSame(event, codec.transform(event));
  }

  @Test
  void wireRoundTripKeepsEveryField() {
    Event event = Event.create(42, "my-id", Topic.of("tøpic"), "greeting", 1500L, "multi\nline ✓", 1234);
    Buffer wire = Buffer.buffer("prefix");
    codec.encodeToWire(wire, event);
    Event decoded = codec.decodeFromWire("prefix".length(), wire);
    assertEquals(42, decoded.seq());
    assertEquals("my-id", decoded.id());
    assertEquals(event.topic(), decoded.topic());
    assertEquals("greeting", decoded.type());
    assertEquals(1500L, decoded.retry());
    assertEquals(event.data(), decoded.data());
    assertEquals(1234, decoded.publishedAtMillis());
    assertEquals(event.frame(), decoded.frame());
  }

  @Test
  void wireRoundTripKeepsEveryTopicWhichCopyAndPrivacy() {
    Event event = Event.create(7, "p", List.of(Topic.of("https://example.com/books/1"), Topic.of("alt")), null,
        null, "x", 5, true).copy(1);
    Buffer wire = Buffer.buffer();
    codec.encodeToWire(wire, event);
    Event decoded = codec.decodeFromWire(0, wire);
    assertEquals(event.topics(), decoded.topics());
    assertEquals(1, decoded.copyIndex());
    assertEquals(Topic.of("alt"), decoded.topic());
    assertTrue(decoded.isPrivate());
    assertSame(decoded.frame(), decoded.copies().get(0).frame(), "its copies share the frame decoded once");
  }

  @Test
  void wireRoundTripKeepsAbsentFields() {
    Event event = Event.create(1, "x", Topic.of("t"), null, null, "", 0);
    Buffer wire = Buffer.buffer();
    codec.encodeToWire(wire, event);
    Event decoded = codec.decodeFromWire(0, wire);
    assertNull(decoded.type());
    assertNull(decoded.retry());
    assertEquals("id: x\ndata: \n\n", decoded.frame().toString());
  }
}
