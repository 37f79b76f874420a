package io.ssehub.publish;

import io.ssehub.event.Event;
import io.ssehub.event.EventAddresses;
import io.ssehub.event.EventCodec;
import io.ssehub.event.Topic;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

@ExtendWith(VertxExtension.class)
class PublisherTest {

  @Test
  void publishesTheEncodedEventOnTheTopicAddress(Vertx vertx, VertxTestContext test) {
    vertx.eventBus().registerDefaultCodec(Event.class, new EventCodec());
    Publisher publisher = new Publisher(vertx.eventBus());
    Event[] sent = new Event[1];
    vertx.eventBus().<Event>localConsumer(EventAddresses.of(Topic.of("t")), message -> test.verify(() -> {
      assertSame(sent[0], message.body(), "the same instance, not a copy");
      assertEquals("data: a\ndata: b\n\n", message.body().frame().toString());
      test.completeNow();
    })).completion().onComplete(test.succeeding(v -> sent[0] = publisher.publish(Topic.of("t"), "a\nb")));
  }

  @Test
  void perTopicCountsAreBounded(Vertx vertx) {
    vertx.eventBus().registerDefaultCodec(Event.class, new EventCodec());
    Publisher publisher = new Publisher(vertx.eventBus());
    int topics = Publisher.MAX_COUNTED_TOPICS + 5;
    for (int i = 0; i < topics; i++) {
      publisher.publish(Topic.of("t" + i), "x");
    }
    publisher.publish(Topic.of("t0"), "again");
    assertEquals(Publisher.MAX_COUNTED_TOPICS, publisher.publishedByTopic().size());
    assertEquals(2L, publisher.publishedByTopic().getLong("t0"));
    assertEquals(topics + 1, publisher.publishedTotal());
  }
}
