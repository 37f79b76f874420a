package io.ssehub.http;

import io.ssehub.support.CountedVertxTest;
import io.ssehub.support.MercureFixture;
import io.ssehub.support.SseClient;
import io.ssehub.support.SseParser.ParsedEvent;
import io.ssehub.support.TestHub;
import io.ssehub.support.TestHub.Answer;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Subscribing at {@code /.well-known/mercure} over real HTTP: the exact bytes and headers of a stream, the selector
 * kinds and what each receives, and every refusal of a subscription request, before anything is subscribed.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class MercureSubscribeTest extends CountedVertxTest {

  private static final String BOOKS = "https://example.com/books/";
  private MercureFixture mercure;

  @BeforeEach
  void fixture() {
    mercure = new MercureFixture(vertx);
  }

  private Future<SseClient> subscribe(TestHub hub, String query) {
    return SseClient.connect(vertx, hub.port(), MercureFixture.PATH + "?" + query);
  }

  private static List<String> ids(List<ParsedEvent> events) {
    return events.stream().map(ParsedEvent::lastEventId).toList();
  }

  @Test
  void eachSelectorKindReceivesTheUpdatesItMatchesWithTheirBytesIntact(VertxTestContext test) {
    String publisher = mercure.anyPublisher();
    TestHub.start(vertx, MercureFixture.config()).compose(hub -> Future.all(List.of(
            subscribe(hub, "match=" + BOOKS + "1"),
            subscribe(hub, "match_urlpattern=" + BOOKS + ":id"),
            subscribe(hub, "topic=" + BOOKS + "%7Bid%7D"),
            subscribe(hub, "topic=*"),
            subscribe(hub, "match_exact=" + BOOKS + "2&match=https://example.com/authors/1")))
        .compose(streams -> mercure.publish(hub, "topic=" + BOOKS + "1&data=a%0D%0Ab%0Dc%0Ad&id=urn:uuid:1",
                publisher)
            .compose(a -> mercure.publish(hub, "topic=" + BOOKS + "2&data=two&type=update&retry=5000&id=b2&x=ignored",
                publisher))
            .compose(b -> mercure.publish(hub, "topic=https://example.com/authors/1&data=author&id=c3", publisher))
            .compose(c -> mercure.publish(hub, "topic=" + BOOKS + "1&topic=" + BOOKS + "2&topic=https://example.com"
                + "/authors/1&data=end&id=d4", publisher))
            .compose(d -> Future.all(List.of(streams.<SseClient>resultAt(0).awaitEvents(2),
                streams.<SseClient>resultAt(1).awaitEvents(3), streams.<SseClient>resultAt(2).awaitEvents(3),
                streams.<SseClient>resultAt(3).awaitEvents(4), streams.<SseClient>resultAt(4).awaitEvents(3))))
            .map(received -> {
              test.verify(() -> {
                SseClient exact = streams.resultAt(0);
                assertEquals(": \n\nid: urn:uuid:1\ndata: a\ndata: b\ndata: c\ndata: d\n\nid: d4\ndata: end\n\n",
                    exact.raw(), "an opening comment, then each update with one data line per line");
                assertEquals("text/event-stream; charset=utf-8", exact.response().getHeader("Content-Type"));
                assertEquals("private, no-cache, no-store, must-revalidate, max-age=0",
                    exact.response().getHeader("Cache-Control"));
                assertEquals("no", exact.response().getHeader("X-Accel-Buffering"));
                assertEquals("earliest", exact.response().getHeader("Mercure-Last-Event-ID"));
                assertEquals(List.of("urn:uuid:1", "b2", "d4"), ids(received.resultAt(1)), "URL pattern");
                assertEquals(List.of("urn:uuid:1", "b2", "d4"), ids(received.resultAt(2)), "URI template");
                assertEquals(List.of("urn:uuid:1", "b2", "c3", "d4"), ids(received.resultAt(3)), "*");
                assertEquals(List.of("b2", "c3", "d4"), ids(received.resultAt(4)), "two exact topics, d4 once");
                List<ParsedEvent> typed = received.resultAt(1);
                assertEquals(new ParsedEvent("b2", "update", "two"), typed.get(1));
                assertEquals(5000L, streams.<SseClient>resultAt(1).parser().retry());
              });
              return received;
            })))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void invalidSubscriptionsGet400NamingTheParameterAndSubscribeNothing(VertxTestContext test) {
    JsonObject config = MercureFixture.config();
    config.getJsonObject("mercure").put("maxSelectors", 3).put("maxSelectorLength", 40);
    Map<String, String> cases = new java.util.LinkedHashMap<>();
    cases.put("Match=a", "Unknown parameter \"Match\": the selector parameters are match, match_exact and"
        + " match_urlpattern (names are case-sensitive)");
    cases.put("match_regexp=a", "Unknown parameter \"match_regexp\": the selector parameters are match,"
        + " match_exact and match_urlpattern (names are case-sensitive)");
    cases.put("MATCH_URLPATTERN=a", "Unknown parameter \"MATCH_URLPATTERN\": the selector parameters are match,"
        + " match_exact and match_urlpattern (names are case-sensitive)");
    cases.put("lastEventID=x", "No topic selector: use match=<topic>, match_urlpattern=<URL pattern> or (0.x)"
        + " topic=<topic or URI template>");
    cases.put("match=", "Invalid parameter 'match': \"\": a selector must not be empty");
    cases.put("match=%FF", "Malformed query string \"match=%FF\": percent-encoded bytes that are not UTF-8 (send"
        + " non-ASCII text as percent-encoded UTF-8)");
    cases.put("match=a%07b", "Invalid parameter 'match': \"a\\u0007b\": a selector must not contain control or"
        + " format characters (U+0007 found)");
    cases.put("match=a,b", "Invalid parameter 'match': \"a,b\": no topic can match it: a topic name must not"
        + " contain commas");
    cases.put("match=a&match=b&match=c&topic=d", "Too many topic selectors: at most 3 per subscription"
        + " (mercure.maxSelectors)");
    cases.put("match=" + "x".repeat(41), "Invalid parameter 'match': \"" + "x".repeat(41) + "\": a selector is at"
        + " most 40 characters (mercure.maxSelectorLength), this one has 41");
    cases.put("match_urlpattern=https://e.com/(a)", "Invalid parameter 'match_urlpattern': \"https://e.com/(a)\":"
        + " not a valid URL pattern: regular-expression groups such as (\\d+) are not supported; use :name or *");
    cases.put("topic=https://e.com/%7Bid", "Invalid parameter 'topic': \"https://e.com/{id\": not a valid URI"
        + " template: a { at position 15 is never closed");
    cases.put("match=a&authorization=x.y.z", "Parameter 'authorization' is not accepted: tokens in URLs end up in"
        + " logs; send the token in the Authorization header or a cookie, or turn on mercure.authorizationParam");
    cases.put("match=a&last_event_id=" + "x".repeat(257), "Invalid parameter 'last_event_id': \"" + "x".repeat(64)
        + "\"… (257 characters) is longer than 256 characters, so it is no event id");
    TestHub.start(vertx, config).compose(hub -> {
      List<Future<Answer>> answers = new ArrayList<>();
      cases.keySet().forEach(query -> answers.add(
          mercure.request(hub, HttpMethod.GET, MercureFixture.PATH + "?" + query, null, Map.of())));
      answers.add(mercure.request(hub, HttpMethod.PUT, MercureFixture.PATH + "?match=a", null, Map.of()));
      answers.add(mercure.request(hub, HttpMethod.GET, MercureFixture.PATH + "?match=a&authorization=x.y.z", null,
          Map.of("Authorization", "Bearer x.y.z")));
      return Future.all(answers).map(all -> {
        test.verify(() -> {
          List<String> queries = List.copyOf(cases.keySet());
          for (int i = 0; i < queries.size(); i++) {
            Answer answer = all.resultAt(i);
            assertEquals(400, answer.status(), queries.get(i));
            assertEquals(cases.get(queries.get(i)) + "\n", answer.body(), queries.get(i));
          }
          Answer put = all.resultAt(queries.size());
          assertEquals(405, put.status());
          assertEquals("GET, POST", put.header("Allow"));
          Answer withHeader = all.resultAt(queries.size() + 1);
          assertEquals(400, withHeader.status(), "the parameter is refused even beside a header");
          assertEquals(Set.of(), consumers.topicsEverSubscribed(), "no refused request subscribed anything");
        });
        return all;
      });
    }).onComplete(test.succeedingThenComplete());
  }

  /**
   * Streams that match by pattern share one consumer of every event per event loop, registered with the first and
   * removed with the last, as a topic's are: nothing is left once they close.
   */
  @Test
  void patternStreamsLeaveNothingBehind(VertxTestContext test) {
    TestHub.start(vertx, MercureFixture.config()).compose(hub -> Future.all(List.of(
            subscribe(hub, "match_urlpattern=https://example.com/:id"),
            subscribe(hub, "topic=*"),
            subscribe(hub, "match=a")))
        .compose(streams -> hub.stats().map(open -> {
          test.verify(() -> {
            assertEquals(2, open.getInteger("patternSubscriptions"));
            assertEquals(new JsonObject().put("a", 1), open.getJsonObject("subscriptions"));
            // Topic "a"'s consumer, and one consumer of every event on each loop (of two) with a pattern stream.
            int consumers = open.getInteger("busConsumers");
            assertTrue(consumers == 2 || consumers == 3, "bus consumers: " + consumers);
          });
          return streams;
        }))
        .compose(streams -> Future.all(streams.list().stream().map(stream -> ((SseClient) stream).close()).toList()))
        .compose(closed -> hub.statsAtRest(5000)))
        .onComplete(test.succeeding(rest -> test.verify(() -> {
          assertEquals(0, rest.getInteger("patternSubscriptions"));
          assertEquals(0, rest.getInteger("busConsumers"));
          test.completeNow();
        })));
  }
}
