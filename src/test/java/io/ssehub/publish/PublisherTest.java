package io.ssehub.publish;

import io.ssehub.config.HistoryConfig;
import io.ssehub.event.Event;
import io.ssehub.event.EventAddresses;
import io.ssehub.event.EventCodec;
import io.ssehub.event.EventIds;
import io.ssehub.event.Topic;
import io.ssehub.history.MemoryHistory;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

@ExtendWith(VertxExtension.class)
class PublisherTest {

  private static final EventIds IDS = new EventIds(1_764_000_000_000L);

  private static Publisher publisher(Vertx vertx) {
    vertx.eventBus().registerDefaultCodec(Event.class, new EventCodec());
    return new Publisher(vertx.eventBus(), new MemoryHistory(HistoryConfig.defaults(), IDS), IDS, Clock.systemUTC());
  }

  @Test
  void publishesTheEncodedEventOnTheTopicAddress(Vertx vertx, VertxTestContext test) {
    Publisher publisher = publisher(vertx);
    String[] id = new String[1];
    vertx.eventBus().<Event>localConsumer(EventAddresses.of(Topic.of("t")), message -> test.verify(() -> {
      assertEquals(id[0], message.body().id());
      assertEquals("id: " + id[0] + "\ndata: a\ndata: b\n\n", message.body().frame().toString());
      test.completeNow();
    })).completion().onComplete(test.succeeding(v -> id[0] = publisher.publish(Topic.of("t"), "a\nb")));
  }

  @Test
  void generatedIdsIncreaseStrictlyAcrossTopics(Vertx vertx) {
    Publisher publisher = publisher(vertx);
    assertEquals(IDS.epoch() + "-1", publisher.publish(Topic.of("a"), "x"));
    assertEquals(IDS.epoch() + "-2", publisher.publish(Topic.of("b"), "x"));
    assertEquals("mine", publisher.publish(new PublishRequest(List.of(Topic.of("a")), "x", "mine", null, null)));
    assertEquals(IDS.epoch() + "-4", publisher.publish(Topic.of("a"), "x"));
  }

  @Test
  void oneEventToSeveralTopicsSharesIdAndBytes(Vertx vertx, VertxTestContext test) {
    Publisher publisher = publisher(vertx);
    Event[] received = new Event[2];
    var a = vertx.eventBus().<Event>localConsumer(EventAddresses.of(Topic.of("a")), m -> received[0] = m.body());
    var b = vertx.eventBus().<Event>localConsumer(EventAddresses.of(Topic.of("b")), m -> {
      received[1] = m.body();
      test.verify(() -> {
        assertEquals(received[0].id(), received[1].id());
        assertEquals(received[0].seq(), received[1].seq());
        assertSame(received[0].frame(), received[1].frame());
        assertNotEquals(received[0].topic(), received[1].topic());
      });
      test.completeNow();
    });
    a.completion().compose(v -> b.completion()).onComplete(test.succeeding(v ->
        publisher.publish(new PublishRequest(List.of(Topic.of("a"), Topic.of("b")), "x", null, "t", null))));
  }

  @Test
  void explicitIdsAreUniqueInHistoryAndCannotLookGenerated(Vertx vertx) {
    Publisher publisher = publisher(vertx);
    publisher.publish(new PublishRequest(List.of(Topic.of("a")), "x", "dup", null, null));
    PublishException duplicate = assertThrows(PublishException.class,
        () -> publisher.publish(new PublishRequest(List.of(Topic.of("b")), "y", "dup", null, null)));
    assertEquals(409, duplicate.status());
    assertEquals("Duplicate 'id': \"dup\" is already used by an event in history, or was recently",
        duplicate.getMessage());
    PublishException generated = assertThrows(PublishException.class,
        () -> publisher.publish(new PublishRequest(List.of(Topic.of("b")), "y", IDS.epoch() + "-99", null, null)));
    assertEquals(400, generated.status());
  }

  @Test
  void perTopicCountsAreBounded(Vertx vertx) {
    Publisher publisher = new Publisher(publisherBus(vertx), new MemoryHistory(new HistoryConfig(0, 0, 1, 1, 0), IDS),
        IDS, Clock.systemUTC());
    int topics = PublishCounts.MAX_COUNTED_TOPICS + 5;
    for (int i = 0; i < topics; i++) {
      publisher.publish(Topic.of("t" + i), "x");
    }
    publisher.publish(Topic.of("t0"), "again");
    assertEquals(PublishCounts.MAX_COUNTED_TOPICS, publisher.counts().byTopic().size());
    assertEquals(2L, publisher.counts().byTopic().getLong("t0"));
    assertEquals(topics + 1, publisher.counts().total());
  }

  private static io.vertx.core.eventbus.EventBus publisherBus(Vertx vertx) {
    vertx.eventBus().registerDefaultCodec(Event.class, new EventCodec());
    return vertx.eventBus();
  }
}
