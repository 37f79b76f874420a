package io.ssehub.http;

import io.ssehub.event.Topic;
import io.ssehub.support.Eventually;
import io.ssehub.support.SseClient;
import io.ssehub.support.SseParser.ParsedEvent;
import io.ssehub.support.TestHub;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /sse} over real HTTP: headers, the exact bytes of the stream, and which events reach whom. */
@ExtendWith(VertxExtension.class)
@Timeout(30_000)
class SseStreamTest {

  private static final Pattern TIME = Pattern.compile("^\\d{2}:\\d{2}:\\d{2}\\.\\d{6}$");

  private static JsonObject withGenerators(JsonObject... generators) {
    return TestHub.config().put("generators", new JsonArray(List.of((Object[]) generators)));
  }

  private static JsonObject generator(String topic, int intervalMillis) {
    return new JsonObject().put("topic", topic).put("intervalMillis", intervalMillis);
  }

  @Test
  void timeStreamStartsWithRetryThenIncreasingTimes(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx, withGenerators(generator("time", 50)))
        .compose(hub -> SseClient.connect(vertx, hub.port(), "/sse?topics=time"))
        .compose(client -> client.awaitEvents(3).map(events -> {
          test.verify(() -> {
            var response = client.response();
            assertEquals(200, response.statusCode());
            assertEquals("text/event-stream; charset=utf-8", response.getHeader("Content-Type"));
            assertEquals("no-cache", response.getHeader("Cache-Control"));
            assertEquals("no", response.getHeader("X-Accel-Buffering"));
            assertEquals("chunked", response.getHeader("Transfer-Encoding"));
            assertNull(response.getHeader("Content-Encoding"));
            String raw = client.raw();
            assertTrue(raw.startsWith("retry: 2000\n\n"), raw);
            assertTrue(Pattern.matches("retry: 2000\n\n(id: [0-9a-z]+-\\d+\ndata: \\d{2}:\\d{2}:\\d{2}\\.\\d{6}\n\n)+",
                raw), raw);
            assertEquals(2000L, client.parser().retry());
            String previous = "";
            for (ParsedEvent event : events) {
              assertEquals("message", event.type());
              assertTrue(TIME.matcher(event.data()).matches(), event.data());
              assertTrue(event.data().compareTo(previous) > 0 || previous.startsWith("23:59"), event.data());
              previous = event.data();
            }
          });
          return client;
        }))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void retryLineIsSentBeforeAnyEvent(Vertx vertx, VertxTestContext test) {
    // Nothing is ever published on "quiet": the opening block must arrive on its own, at once.
    TestHub.start(vertx, TestHub.config().put("sse", new JsonObject().put("retryMillis", 1234)))
        .compose(hub -> SseClient.connect(vertx, hub.port(), "/sse?topics=quiet"))
        .compose(client -> Eventually.until(vertx, () -> Future.succeededFuture(client.raw()),
            raw -> !raw.isEmpty(), 5_000))
        .onComplete(test.succeeding(raw -> test.verify(() -> {
          assertEquals("retry: 1234\n\n", raw);
          test.completeNow();
        })));
  }

  @Test
  void exactFramesForPublishedData(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx).compose(hub -> SseClient.connect(vertx, hub.port(), "/sse?topics=news").compose(client -> {
      Topic news = Topic.of("news");
      String id1 = hub.publisher().publish(news, "one");
      String id2 = hub.publisher().publish(news, "two\nlines");
      String id3 = hub.publisher().publish(news, "cr\rand\r\ncrlf");
      String id4 = hub.publisher().publish(news, "");
      String id5 = hub.publisher().publish(news, "héllo ✓");
      return client.awaitEvents(5).map(events -> {
        test.verify(() -> {
          assertEquals("retry: 2000\n\n"
              + "id: " + id1 + "\ndata: one\n\n"
              + "id: " + id2 + "\ndata: two\ndata: lines\n\n"
              + "id: " + id3 + "\ndata: cr\ndata: and\ndata: crlf\n\n"
              + "id: " + id4 + "\ndata: \n\n"
              + "id: " + id5 + "\ndata: héllo ✓\n\n", client.raw());
          assertEquals(List.of(id1, id2, id3, id4, id5), events.stream().map(ParsedEvent::lastEventId).toList());
          assertEquals(List.of("one", "two\nlines", "cr\nand\ncrlf", "", "héllo ✓"),
              events.stream().map(ParsedEvent::data).toList());
        });
        return client;
      });
    })).onComplete(test.succeedingThenComplete());
  }

  @Test
  void oneConnectionGetsSeveralTopicsAndOnlyThose(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx).compose(hub ->
        Future.all(
            SseClient.connect(vertx, hub.port(), "/sse?topics=a,b"),
            SseClient.connect(vertx, hub.port(), "/sse?topics=b"),
            SseClient.connect(vertx, hub.port(), "/sse?topics=c")
        ).compose(clients -> {
          SseClient ab = clients.resultAt(0);
          SseClient b = clients.resultAt(1);
          SseClient c = clients.resultAt(2);
          for (String data : List.of("a1", "b1", "x1", "a2", "b2", "c1")) {
            hub.publisher().publish(Topic.of(data.substring(0, 1)), data);
          }
          return Future.all(ab.awaitEvents(4), b.awaitEvents(2), c.awaitEvents(1)).map(all -> {
            test.verify(() -> {
              assertEquals(List.of("a1", "b1", "a2", "b2"), data(ab));
              assertEquals(List.of("b1", "b2"), data(b));
              assertEquals(List.of("c1"), data(c));
            });
            return all;
          });
        })).onComplete(test.succeedingThenComplete());
  }

  private static double seconds(String time) {
    String[] parts = time.split(":");
    return Integer.parseInt(parts[0]) * 3600 + Integer.parseInt(parts[1]) * 60 + Double.parseDouble(parts[2]);
  }

  private static List<String> data(SseClient client) {
    return client.events().stream().map(ParsedEvent::data).toList();
  }

  @Test
  void fastGeneratorDeliversEveryMillisecondInOrder(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx, withGenerators(generator("time", 1000), generator("fast", 1)))
        .compose(hub -> SseClient.connect(vertx, hub.port(), "/sse?topics=fast"))
        .compose(client -> client.awaitEvents(500))
        .onComplete(test.succeeding(events -> test.verify(() -> {
          // The generator's own timestamps, not the test's clock: a fixed-rate timer catches up after a late tick,
          // so 500 events span about 499 ms of generator time however busy the machine is (a span across midnight
          // is negative and passes).
          double span = seconds(events.get(events.size() - 1).data()) - seconds(events.get(0).data());
          assertTrue(span < 1.0, "500 events over " + span + " s of generator time");
          for (int i = 1; i < events.size(); i++) {
            String previous = events.get(i - 1).data();
            String current = events.get(i).data();
            assertTrue(TIME.matcher(current).matches(), current);
            assertTrue(current.compareTo(previous) > 0 || previous.startsWith("23:59"), previous + " then " + current);
          }
          test.completeNow();
        })));
  }
}
