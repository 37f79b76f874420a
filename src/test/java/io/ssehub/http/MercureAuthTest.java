package io.ssehub.http;

import io.ssehub.support.CountedVertxTest;
import io.ssehub.support.MercureFixture;
import io.ssehub.support.SseClient;
import io.ssehub.support.SseParser.ParsedEvent;
import io.ssehub.support.TestHub;
import io.ssehub.support.TestHub.Answer;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
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
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Mercure's authorization over real HTTP: private updates reach only subscribers whose token allows one of their
 * topics (canonical or alternate), whatever their selectors match, live and in replay, on the Mercure endpoint and on
 * {@code /sse}; tokens in the header, either cookie, and the 0.x parameter when it is on; anonymous subscribers
 * refused when configured; a subscription ends when its token expires.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class MercureAuthTest extends CountedVertxTest {

  private static final String BOOK = "https://example.com/books/1";
  private static final String ALTERNATE = "https://example.com/users/42/books/1";
  private MercureFixture mercure;

  @BeforeEach
  void fixture() {
    mercure = new MercureFixture(vertx);
  }

  private Future<SseClient> subscribe(TestHub hub, String query, Map<String, String> headers) {
    return SseClient.connectWith(vertx, hub.port(), MercureFixture.PATH + "?" + query, headers);
  }

  private static List<String> data(List<ParsedEvent> events) {
    return events.stream().map(ParsedEvent::data).toList();
  }

  @Test
  void privateUpdatesReachOnlySubscribersWhoseTokenAllowsOneOfTheirTopics(VertxTestContext test) {
    String publisher = mercure.anyPublisher();
    String alternateOwner = "Bearer " + mercure.subscriberToken(MercureFixture.detailClaims("subscribe",
        Map.of("https://example.com/users/42/*", "urlpattern")));
    String otherBook = "Bearer " + mercure.subscriberToken(MercureFixture.legacyClaims(List.of(),
        List.of("https://example.com/books/2")));
    String templateCookie = "mercureAuthorization=" + mercure.subscriberToken(MercureFixture.legacyClaims(List.of(),
        List.of("https://example.com/books/{id}")));
    String secureCookie = "__Secure-mercure_access_token=" + mercure.subscriberToken(
        MercureFixture.detailClaims("subscribe", Map.of(BOOK, "exact")));
    JsonObject config = MercureFixture.config();
    TestHub.start(vertx, config).compose(hub -> Future.all(List.of(
            subscribe(hub, "topic=*", Map.of()),
            subscribe(hub, "match_urlpattern=https://example.com/books/:id", Map.of("Authorization", alternateOwner)),
            subscribe(hub, "match=" + BOOK, Map.of("Authorization", otherBook)),
            subscribe(hub, "match=" + BOOK, Map.of("Cookie", templateCookie)),
            subscribe(hub, "match=" + BOOK, Map.of("Cookie", secureCookie)),
            SseClient.connect(vertx, hub.port(), "/sse?topics=" + BOOK)))
        .compose(streams -> mercure.publish(hub, "topic=" + BOOK + "&topic=" + ALTERNATE + "&private=&data=secret",
                publisher)
            .compose(sent -> mercure.publish(hub, "topic=" + BOOK + "&data=public", publisher))
            .compose(sent -> {
              // What each should receive; the public update comes last, so a private one it should not have had
              // would take its place.
              int[] expected = {1, 2, 1, 2, 2, 1};
              List<Future<List<ParsedEvent>>> waits = new ArrayList<>();
              for (int i = 0; i < expected.length; i++) {
                waits.add(streams.<SseClient>resultAt(i).awaitEvents(expected[i]));
              }
              return Future.all(waits);
            })
            .map(received -> {
              test.verify(() -> {
                assertEquals(List.of("public"), data(received.resultAt(0)), "anonymous, though * matches");
                assertEquals(List.of("secret", "public"), data(received.resultAt(1)), "allowed the alternate");
                assertEquals(List.of("public"), data(received.resultAt(2)), "allowed another book only");
                assertEquals(List.of("secret", "public"), data(received.resultAt(3)), "0.x cookie, template");
                assertEquals(List.of("secret", "public"), data(received.resultAt(4)), "1.0 cookie, exact");
                assertEquals(List.of("public"), data(received.resultAt(5)), "/sse without a token");
              });
              return received;
            })))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void replayChecksAuthorizationAgain(VertxTestContext test) {
    String publisher = mercure.anyPublisher();
    String owner = "Bearer " + mercure.subscriberToken(MercureFixture.legacyClaims(List.of(), List.of(BOOK)));
    TestHub.start(vertx, MercureFixture.config()).compose(hub ->
            mercure.publish(hub, "topic=" + BOOK + "&data=one&id=one", publisher)
                .compose(a -> mercure.publish(hub, "topic=" + BOOK + "&data=two&id=two&private=on", publisher))
                .compose(b -> mercure.publish(hub, "topic=" + BOOK + "&data=three&id=three", publisher))
                .compose(c -> Future.all(
                    subscribe(hub, "match=" + BOOK + "&last_event_id=earliest", Map.of()),
                    subscribe(hub, "match_urlpattern=https://example.com/:kind/:id&last_event_id=earliest",
                        Map.of("Authorization", owner))))
                .compose(streams -> Future.all(streams.<SseClient>resultAt(0).awaitEvents(2),
                    streams.<SseClient>resultAt(1).awaitEvents(3))))
        .onComplete(test.succeeding(received -> test.verify(() -> {
          assertEquals(List.of("one", "three"), data(received.resultAt(0)), "anonymous: the private one skipped");
          assertEquals(List.of("one", "two", "three"), data(received.resultAt(1)), "allowed: all three");
          test.completeNow();
        })));
  }

  @Test
  void tokensComeFromTheHeaderFirstAndTheParameterOnlyWhenItIsOn(VertxTestContext test) {
    JsonObject config = MercureFixture.config();
    config.getJsonObject("mercure").put("authorizationParam", true).put("anonymous", false);
    String good = mercure.subscriberToken(MercureFixture.legacyClaims(List.of(), List.of("*")));
    String forged = MercureFixture.signer(vertx, "not-the-subscriber-secret-but-long-enough-0123")
        .generateToken(new JsonObject().put("mercure", new JsonObject()));
    String publisherKey = mercure.anyPublisher();
    TestHub.start(vertx, config).compose(hub -> Future.all(List.of(
            get(hub, "match=a", Map.of()),
            get(hub, "match=a&authorization=" + good, Map.of()),
            get(hub, "match=a", Map.of("Authorization", "Bearer " + forged, "Cookie", "mercureAuthorization=" + good)),
            get(hub, "match=a", Map.of("Authorization", "Bearer " + publisherKey)),
            get(hub, "match=a", Map.of("Cookie", "mercureAuthorization=" + good))))
        .map(all -> {
          test.verify(() -> {
            Answer none = all.resultAt(0);
            assertEquals(401, none.status());
            assertEquals(MercureFixture.challenge(hub, null), none.header("WWW-Authenticate"));
            assertEquals("Authorization required: send a bearer token in the Authorization header or the"
                + " __Secure-mercure_access_token cookie\n", none.body());
            assertEquals(200, all.<Answer>resultAt(1).status(), "0.x authorization parameter");
            Answer headerWins = all.resultAt(2);
            assertEquals(401, headerWins.status(), "the header wins and the cookie is ignored");
            assertEquals(MercureFixture.challenge(hub, "invalid_token"), headerWins.header("WWW-Authenticate"));
            assertFalse(headerWins.body().contains(forged));
            assertEquals(401, all.<Answer>resultAt(3).status(), "a publisher's key does not sign subscribers");
            assertEquals(200, all.<Answer>resultAt(4).status(), "cookie");
          });
          return all;
        }))
        .onComplete(test.succeedingThenComplete());
  }

  private Future<Answer> get(TestHub hub, String query, Map<String, String> headers) {
    return mercure.request(hub, HttpMethod.GET, MercureFixture.PATH + "?" + query, null, headers);
  }

  @Test
  void aSubscriptionEndsWhenItsTokenExpires(VertxTestContext test) {
    String shortLived = mercure.subscriberToken(MercureFixture.legacyClaims(List.of(), List.of("*")), 2);
    TestHub.start(vertx, MercureFixture.config())
        .compose(hub -> subscribe(hub, "match=a", Map.of("Authorization", "Bearer " + shortLived))
            .compose(stream -> stream.ended().map(stream)))
        .onComplete(test.succeeding(stream -> test.verify(() -> {
          assertEquals(200, stream.response().statusCode());
          test.completeNow();
        })));
  }

  /** The id a stream is told it starts after is never a private update's it may not receive. */
  @Test
  void aStreamIsNeverToldTheIdOfAPrivateUpdate(VertxTestContext test) {
    String publisher = mercure.anyPublisher();
    TestHub.start(vertx, MercureFixture.config()).compose(hub ->
            mercure.publish(hub, "topic=" + BOOK + "&data=public&id=shown", publisher)
                .compose(a -> mercure.publish(hub, "topic=" + BOOK + "&data=secret&id=order-42-refund&private=on",
                    publisher))
                .compose(b -> Future.all(subscribe(hub, "match=" + BOOK, Map.of()),
                    SseClient.connect(vertx, hub.port(), "/sse?topics=" + BOOK))))
        .onComplete(test.succeeding(streams -> test.verify(() -> {
          assertEquals("shown", streams.<SseClient>resultAt(0).response().getHeader("Mercure-Last-Event-ID"));
          assertEquals("shown", streams.<SseClient>resultAt(1).response().getHeader("Last-Event-ID"));
          test.completeNow();
        })));
  }

  /**
   * With {@code mercure.hubUrl}, relative grants resolve against the hub's own origin, whatever Host a client sends:
   * a token granting {@code /users/42/*} does not reach another site's {@code /users/42/} topics.
   */
  @Test
  void relativeGrantsResolveAgainstTheConfiguredHubUrlNotTheHostHeader(VertxTestContext test) {
    JsonObject config = MercureFixture.config();
    config.getJsonObject("mercure").put("hubUrl", "https://hub.example.com/.well-known/mercure");
    // Every Host admitted, as behind a proxy that passes any name on.
    config.getJsonObject("http").put("allowedHosts", new JsonArray().add("*"));
    String owner = "Bearer " + mercure.subscriberToken(MercureFixture.detailClaims("subscribe",
        Map.of("/users/42/*", "urlpattern")));
    String publisher = mercure.anyPublisher();
    TestHub.start(vertx, config).compose(hub -> subscribe(hub, "topic=*",
            Map.of("Authorization", owner, "Host", "other.example"))
        .compose(stream -> mercure.publish(hub, "topic=http://other.example/users/42/x&private=on&data=foreign",
                publisher)
            .compose(a -> mercure.publish(hub, "topic=https://hub.example.com/users/42/x&private=on&data=own",
                publisher))
            .compose(b -> stream.awaitEvents(1))))
        .onComplete(test.succeeding(events -> test.verify(() -> {
          assertEquals(List.of("own"), data(events));
          test.completeNow();
        })));
  }
}
