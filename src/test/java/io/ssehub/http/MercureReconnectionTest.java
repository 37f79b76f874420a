package io.ssehub.http;

import io.ssehub.support.CountedVertxTest;
import io.ssehub.support.MercureFixture;
import io.ssehub.support.SseClient;
import io.ssehub.support.SseParser.ParsedEvent;
import io.ssehub.support.TestHub;
import io.vertx.core.Future;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Reconnecting to {@code /.well-known/mercure}: {@code Last-Event-ID}, {@code last_event_id}, the 0.x
 * {@code lastEventID} and {@code earliest} replay what came after, in order, before live updates, with no gap and
 * no duplicate; {@code Mercure-Last-Event-ID} names the event before the first one sent, or {@code earliest}.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class MercureReconnectionTest extends CountedVertxTest {

  private static final String BOOK = "https://example.com/books/1";
  private MercureFixture mercure;

  @BeforeEach
  void fixture() {
    mercure = new MercureFixture(vertx);
  }

  private static List<String> ids(List<ParsedEvent> events) {
    return events.stream().map(ParsedEvent::lastEventId).toList();
  }

  private Future<SseClient> subscribe(TestHub hub, String query, Map<String, String> headers) {
    return SseClient.connectWith(vertx, hub.port(), MercureFixture.PATH + "?" + query, headers);
  }

  @Test
  void everyCursorFormReplaysWhatCameAfterItThenLiveUpdates(VertxTestContext test) {
    String token = mercure.anyPublisher();
    TestHub.start(vertx, MercureFixture.config()).compose(hub ->
            mercure.publish(hub, "topic=" + BOOK + "&data=1&id=e1", token)
                .compose(a -> mercure.publish(hub, "topic=https://example.com/books/2&data=2&id=e2", token))
                .compose(b -> mercure.publish(hub, "topic=" + BOOK + "&data=3&id=e3", token))
                .compose(c -> Future.all(List.of(
                    subscribe(hub, "match=" + BOOK, Map.of("Last-Event-ID", "e1")),
                    subscribe(hub, "match=" + BOOK + "&last_event_id=e1", Map.of()),
                    subscribe(hub, "match=" + BOOK + "&lastEventID=e1", Map.of()),
                    subscribe(hub, "match=" + BOOK + "&last_event_id=e1", Map.of("Last-Event-ID", "e3")),
                    subscribe(hub, "match_urlpattern=https://example.com/books/:id&last_event_id=earliest", Map.of()),
                    subscribe(hub, "match=" + BOOK + "&last_event_id=unknown", Map.of()),
                    subscribe(hub, "match=" + BOOK, Map.of()))))
                .compose(streams -> mercure.publish(hub, "topic=" + BOOK + "&data=4&id=e4", token)
                    .compose(d -> Future.all(List.of(streams.<SseClient>resultAt(0).awaitEvents(2),
                        streams.<SseClient>resultAt(1).awaitEvents(2), streams.<SseClient>resultAt(2).awaitEvents(2),
                        streams.<SseClient>resultAt(3).awaitEvents(1), streams.<SseClient>resultAt(4).awaitEvents(4),
                        streams.<SseClient>resultAt(5).awaitEvents(1), streams.<SseClient>resultAt(6).awaitEvents(1))))
                    .map(received -> {
                      test.verify(() -> {
                        assertEquals(List.of("e3", "e4"), ids(received.resultAt(0)), "Last-Event-ID header");
                        assertEquals(List.of("e3", "e4"), ids(received.resultAt(1)), "last_event_id");
                        assertEquals(List.of("e3", "e4"), ids(received.resultAt(2)), "0.x lastEventID");
                        assertEquals(List.of("e4"), ids(received.resultAt(3)), "the header wins");
                        assertEquals(List.of("e1", "e2", "e3", "e4"), ids(received.resultAt(4)), "earliest");
                        assertEquals(List.of("e4"), ids(received.resultAt(5)), "unknown: live only");
                        assertEquals(List.of("e4"), ids(received.resultAt(6)), "no cursor: live only");
                        List<String> headers = streams.list().stream()
                            .map(stream -> ((SseClient) stream).response().getHeader("Mercure-Last-Event-ID"))
                            .toList();
                        assertEquals(List.of("e1", "e1", "e1", "e3", "earliest", "earliest", "e3"), headers);
                        assertEquals(": \n\nid: e3\ndata: 3\n\nid: e4\ndata: 4\n\n",
                            streams.<SseClient>resultAt(0).raw(), "no replay signal on a Mercure stream");
                      });
                      return received;
                    })))
        .onComplete(test.succeedingThenComplete());
  }
}
