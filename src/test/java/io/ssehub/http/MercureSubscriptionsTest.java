package io.ssehub.http;

import io.ssehub.support.CountedVertxTest;
import io.ssehub.support.MercureFixture;
import io.ssehub.support.SseClient;
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

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mercure's active subscriptions ({@code mercure.subscriptions}): a subscription's selectors are published as private
 * {@code mercure} events when its stream opens and when it closes, with the payload its token grants, and the
 * subscriptions API lists the open ones for a token that allows its path.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class MercureSubscriptionsTest extends CountedVertxTest {

  private static final String API = MercureFixture.PATH + "/subscriptions";
  private MercureFixture mercure;

  @BeforeEach
  void fixture() {
    mercure = new MercureFixture(vertx);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  void subscriptionsArePublishedWhenTheyOpenAndCloseAndListedMeanwhile(VertxTestContext test) {
    JsonObject config = MercureFixture.config();
    config.getJsonObject("mercure").put("subscriptions", true);
    String watcher = "Bearer " + mercure.subscriberToken(MercureFixture.detailClaims("subscribe",
        Map.of(API + "*", "urlpattern")));
    String stranger = "Bearer " + mercure.subscriberToken(MercureFixture.legacyClaims(List.of(), List.of("a")));
    JsonObject subscriberClaims = MercureFixture.detailClaims("subscribe", Map.of("*", "exact"));
    subscriberClaims.getJsonArray("authorization_details").getJsonObject(0)
        .put("payload", new JsonObject().put("user", "alice"));
    String subscriber = "Bearer " + mercure.subscriberToken(subscriberClaims);
    String book = "https://example.com/books/1";
    TestHub.start(vertx, config).compose(hub -> SseClient.connectWith(vertx, hub.port(),
            MercureFixture.PATH + "?match_urlpattern=" + encode(API + "/:type/:match/:subscriber"),
            Map.of("Authorization", watcher))
        .compose(watching -> SseClient.connectWith(vertx, hub.port(), MercureFixture.PATH + "?match=" + encode(book)
                + "&match_urlpattern=" + encode("https://example.com/authors/:id"), Map.of("Authorization", subscriber))
            // The watcher sees its own subscription too, and the client's two (in the order their streams opened).
            .compose(client -> watching.awaitEvents(3).map(events -> events.stream()
                    .filter(event -> !new JsonObject(event.data()).getString("match").startsWith(API))
                    .sorted(Comparator.comparing(event -> new JsonObject(event.data()).getString("match_type")))
                    .toList())
                .compose(opened -> Future.all(List.of(
                    get(hub, API, watcher), get(hub, API + "/exact", watcher), get(hub, API, stranger),
                    get(hub, API, null), get(hub, API + "/exact/" + encode(book) + "/urn%3Auuid%3Anobody", watcher)))
                .compose(answers -> {
                  JsonObject first = new JsonObject(opened.get(0).data());
                  String subscriberId = first.getString("subscriber");
                  return get(hub, first.getString("id"), watcher).map(one -> {
                    test.verify(() -> {
                      assertEquals("mercure", opened.get(0).type());
                      assertTrue(subscriberId.matches("urn:uuid:[0-9a-f-]{36}"), subscriberId);
                      assertEquals(new JsonObject().put("id", API + "/exact/" + encode(book) + "/"
                              + encode(subscriberId)).put("type", "subscription").put("match_type", "exact")
                          .put("match", book).put("subscriber", subscriberId).put("active", true)
                          .put("payload", new JsonObject().put("user", "alice")), first);
                      assertEquals("urlpattern", new JsonObject(opened.get(1).data()).getString("match_type"));
                      Answer all = answers.resultAt(0);
                      assertEquals(200, all.status(), all.body());
                      assertEquals("application/json", all.header("Content-Type"));
                      assertTrue(all.header("Link").matches("<http://127\\.0\\.0\\.1:\\d+/\\.well-known/mercure>;"
                          + " rel=\"mercure\"; last-event-id=\"[^\"]+\"; type=\"mercure\";"
                          + " content-type=\"application/json\""), all.header("Link"));
                      JsonObject collection = new JsonObject(all.body());
                      assertEquals(API, collection.getString("id"));
                      assertEquals("subscriptions", collection.getString("type"));
                      assertEquals(3, collection.getJsonArray("subscriptions").size(), "the watcher's and the"
                          + " client's two");
                      assertEquals(new JsonArray().add(first), new JsonObject(answers.<Answer>resultAt(1).body())
                          .getJsonArray("subscriptions"), "filtered by matcher type");
                      Answer forbidden = answers.resultAt(2);
                      assertEquals(403, forbidden.status());
                      assertEquals(MercureFixture.challenge(hub, "insufficient_scope"),
                          forbidden.header("WWW-Authenticate"));
                      assertEquals(401, answers.<Answer>resultAt(3).status(), "the API needs a token");
                      assertEquals(404, answers.<Answer>resultAt(4).status(), "no such subscriber");
                      assertEquals(first, new JsonObject(one.body()), "one subscription by its id");
                    });
                    return client;
                  });
                }))
                .compose(SseClient::close)
                .compose(closed -> watching.awaitEvents(5))
                .compose(events -> get(hub, API, watcher).map(after -> {
                  test.verify(() -> {
                    List<JsonObject> closing = events.subList(3, 5).stream()
                        .map(event -> new JsonObject(event.data())).toList();
                    for (JsonObject document : closing) {
                      assertEquals(false, document.getBoolean("active"), document.encode());
                      assertTrue(!document.getString("match").startsWith(API), "the client's, closed");
                    }
                    assertEquals(1, new JsonObject(after.body()).getJsonArray("subscriptions").size(),
                        "the watcher's own");
                  });
                  return after;
                })))))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void theApiIsAbsentWhileTheFeatureIsOff(VertxTestContext test) {
    String watcher = "Bearer " + mercure.subscriberToken(MercureFixture.legacyClaims(List.of(), List.of("*")));
    TestHub.start(vertx, MercureFixture.config()).compose(hub -> get(hub, API, watcher))
        .onComplete(test.succeeding(answer -> test.verify(() -> {
          assertEquals(404, answer.status());
          test.completeNow();
        })));
  }

  private Future<Answer> get(TestHub hub, String uri, String authorization) {
    return mercure.request(hub, HttpMethod.GET, uri, null,
        authorization == null ? Map.of() : Map.of("Authorization", authorization));
  }

  /** The hub describes itself as an OAuth 2.0 protected resource (RFC 9728), as Mercure clients look for it. */
  @Test
  void theHubPublishesItsProtectedResourceMetadata(VertxTestContext test) {
    JsonObject config = MercureFixture.config();
    config.getJsonObject("mercure").put("subscriptions", true);
    TestHub.start(vertx, config).compose(hub -> get(hub, "/.well-known/oauth-protected-resource"
            + MercureFixture.PATH, null).map(answer -> {
              test.verify(() -> {
                assertEquals(200, answer.status());
                assertEquals("application/json", answer.header("Content-Type"));
                assertEquals(new JsonObject()
                    .put("resource", "http://127.0.0.1:" + hub.port() + MercureFixture.PATH)
                    .put("authorization_details_types_supported",
                        new JsonArray().add("https://mercure.rocks/authorization-detail"))
                    .put("bearer_methods_supported", new JsonArray().add("header"))
                    .put("mercure_cookie", "__Secure-mercure_access_token")
                    .put("mercure_matcher_types_supported", new JsonArray().add("exact").add("urlpattern"))
                    .put("mercure_subscriptions", true), new JsonObject(answer.body()));
              });
              return answer;
            }))
        .onComplete(test.succeedingThenComplete());
  }
}
