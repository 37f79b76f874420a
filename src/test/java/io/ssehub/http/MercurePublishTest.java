package io.ssehub.http;

import io.ssehub.support.CountedVertxTest;
import io.ssehub.support.MercureFixture;
import io.ssehub.support.SseClient;
import io.ssehub.support.TestHub;
import io.ssehub.support.TestHub.Answer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Publishing at {@code /.well-known/mercure} over real HTTP: the answer, every refusal (400, 401, 403, 409, 413,
 * 415), cookie publishing and its origin rule, and updates shared with the hub's own API in both directions.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class MercurePublishTest extends CountedVertxTest {

  private static final String FORM = "application/x-www-form-urlencoded";
  private MercureFixture mercure;

  @BeforeEach
  void fixture() {
    mercure = new MercureFixture(vertx);
  }

  @Test
  void anUpdateIsAnsweredWithItsIdInPlainText(VertxTestContext test) {
    String token = mercure.anyPublisher();
    TestHub.start(vertx, MercureFixture.config()).compose(hub -> Future.all(
            mercure.publish(hub, "topic=a&data=x&id=urn:uuid:42", token),
            mercure.publish(hub, "topic=a&unknown=ignored", token)))
        .onComplete(test.succeeding(all -> test.verify(() -> {
          Answer given = all.resultAt(0);
          assertEquals(200, given.status());
          assertEquals("text/plain; charset=utf-8", given.header("Content-Type"));
          assertEquals("urn:uuid:42", given.body());
          Answer generated = all.resultAt(1);
          assertEquals(200, generated.status(), generated.body());
          assertTrue(generated.body().matches("[0-9a-z]+-[0-9]+"), generated.body());
          test.completeNow();
        })));
  }

  @Test
  void invalidUpdatesAreRefusedNamingTheFieldAndPublishNothing(VertxTestContext test) {
    JsonObject config = MercureFixture.config();
    config.put("publish", new JsonObject().put("maxTopicsPerEvent", 2).put("maxDataBytes", 8));
    String any = mercure.anyPublisher();
    String booksOnly = mercure.publisherToken(MercureFixture.detailClaims("publish",
        Map.of("https://example.com/books/:id", "urlpattern")));
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("data=x", "400 Invalid 'topic': at least one topic is required");
    cases.put("topic=*", "400 Invalid 'topic': \"*\" selects every topic and cannot be published to");
    cases.put("topic=/.well-known/mercure", "400 Invalid 'topic': \"/.well-known/mercure\" is inside the hub's own"
        + " /.well-known/mercure namespace");
    cases.put("topic=https://hub.example/.well-known/./mercure/subscriptions/x", "400 Invalid 'topic':"
        + " \"https://hub.example/.well-known/./mercure/subscriptions/x\" is inside the hub's own /.well-known/mercure"
        + " namespace");
    cases.put("topic=https://hub.example/.well-known/%256Dercure", "400 Invalid 'topic':"
        + " \"https://hub.example/.well-known/%6Dercure\" is inside the hub's own /.well-known/mercure namespace");
    cases.put("topic=/.well-known/mercure/subscriptions/exact/a%7Cb/x", "400 Invalid 'topic':"
        + " \"/.well-known/mercure/subscriptions/exact/a|b/x\" is inside the hub's own /.well-known/mercure namespace");
    cases.put("topic=a%20b", "400 Invalid 'topic': \"a b\" is not a valid topic: a topic name must not contain"
        + " whitespace (U+0020 found)");
    cases.put("topic=a&id=%23x", "400 Invalid 'id': \"#x\" starts with #, which Mercure keeps for ids the hub"
        + " generates");
    cases.put("topic=a&id=earliest", "400 Invalid 'id': \"earliest\" is reserved for Last-Event-ID");
    cases.put("topic=a&id=a%0Ab", "400 Invalid 'id': \"a\\u000Ab\" contains CR, LF or NUL, which would break the event"
        + " stream");
    cases.put("topic=a&type=mercure", "400 Invalid 'type': \"mercure\" is reserved for the hub's own events");
    cases.put("topic=a&type=ssehub-replay", "400 Invalid 'type': \"ssehub-replay\" starts with \"ssehub-\", which is"
        + " reserved for the hub's own events");
    cases.put("topic=a&retry=12a", "400 Invalid 'retry': \"12a\" is not ASCII digits");
    cases.put("topic=a&retry=-1", "400 Invalid 'retry': \"-1\" is not ASCII digits");
    cases.put("topic=a&data=1&data=2", "400 Invalid 'data': is given more than once");
    cases.put("topic=a&topic=b&topic=c", "413 Too many topics: 3 given, at most 2 per update"
        + " (publish.maxTopicsPerEvent)");
    cases.put("topic=a&data=123456789", "413 Field 'data' is larger than 8 bytes (publish.maxDataBytes)");
    cases.put("topic=a&da%ta=x", "400 Malformed form body: invalid percent-encoding \"%ta\": % must be followed by"
        + " two hex digits");
    TestHub.start(vertx, config).compose(hub -> {
      List<Future<Answer>> answers = new ArrayList<>();
      cases.keySet().forEach(form -> answers.add(mercure.publish(hub, form, any)));
      answers.add(mercure.publish(hub, "topic=https://example.com/books/1&topic=https://example.com/authors/1",
          booksOnly));
      answers.add(mercure.publish(hub, "topic=a", Map.of("Content-Type", FORM)));
      answers.add(mercure.publish(hub, "topic=a", Map.of("Content-Type", FORM, "Authorization", "Bearer x.y.z")));
      answers.add(mercure.publish(hub, "{\"topic\": \"a\"}", Map.of("Content-Type", "application/json",
          "Authorization", "Bearer " + any)));
      answers.add(mercure.publish(hub, "topic=a&id=dup", any)
          .compose(first -> mercure.publish(hub, "topic=b&id=dup", any)));
      return Future.all(answers).compose(all -> hub.stats().map(stats -> {
        test.verify(() -> {
          List<String> forms = List.copyOf(cases.keySet());
          for (int i = 0; i < forms.size(); i++) {
            Answer answer = all.resultAt(i);
            assertEquals(cases.get(forms.get(i)) + "\n", answer.status() + " " + answer.body(), forms.get(i));
          }
          int next = forms.size();
          Answer forbidden = all.resultAt(next);
          assertEquals("403 The token does not allow publishing to topic \"https://example.com/authors/1\"\n",
              forbidden.status() + " " + forbidden.body());
          assertEquals(MercureFixture.challenge(hub, "insufficient_scope"), forbidden.header("WWW-Authenticate"));
          Answer noToken = all.resultAt(next + 1);
          assertEquals(401, noToken.status());
          assertEquals(MercureFixture.challenge(hub, null), noToken.header("WWW-Authenticate"));
          Answer badToken = all.resultAt(next + 2);
          assertEquals(401, badToken.status());
          assertEquals(MercureFixture.challenge(hub, "invalid_token"), badToken.header("WWW-Authenticate"));
          Answer json = all.resultAt(next + 3);
          assertEquals("415 Unsupported Content-Type \"application/json\": a Mercure update is a form,"
              + " application/x-www-form-urlencoded\n", json.status() + " " + json.body());
          Answer duplicate = all.resultAt(next + 4);
          assertEquals("409 Duplicate 'id': \"dup\" is already used by an event in history, or was recently\n",
              duplicate.status() + " " + duplicate.body());
          assertEquals(1, stats.getLong("publishedTotal"), "only the first dup was published");
        });
        return all;
      }));
    }).onComplete(test.succeedingThenComplete());
  }

  @Test
  void cookiePublishingOnlyFromListedOrigins(VertxTestContext test) {
    JsonObject config = MercureFixture.config();
    config.getJsonObject("mercure").put("publishOrigins", new JsonArray().add("https://app.example.com"));
    config.getJsonObject("http").put("cors", new JsonObject().put("allowedOrigins",
        new JsonArray().add("https://app.example.com").add("https://evil.example.com")));
    String cookie = "mercureAuthorization=" + mercure.anyPublisher();
    TestHub.start(vertx, config).compose(hub -> Future.all(List.of(
            mercure.publish(hub, "topic=a", Map.of("Content-Type", FORM, "Cookie", cookie,
                "Origin", "https://app.example.com")),
            mercure.publish(hub, "topic=a", Map.of("Content-Type", FORM, "Cookie", cookie,
                "Referer", "https://app.example.com/page?x=1")),
            mercure.publish(hub, "topic=a", Map.of("Content-Type", FORM, "Cookie", cookie,
                "Origin", "https://evil.example.com")),
            mercure.publish(hub, "topic=a", Map.of("Content-Type", FORM, "Cookie", cookie)))))
        .onComplete(test.succeeding(all -> test.verify(() -> {
          assertEquals(200, all.<Answer>resultAt(0).status(), "Origin listed");
          assertEquals(200, all.<Answer>resultAt(1).status(), "Referer listed");
          Answer evil = all.resultAt(2);
          assertEquals("403 Publishing with a cookie is allowed only from the pages of mercure.publishOrigins;"
              + " \"https://evil.example.com\" is not one of them; send the token in the Authorization header"
              + " instead\n", evil.status() + " " + evil.body());
          Answer anonymous = all.resultAt(3);
          assertEquals("403 Publishing with a cookie is allowed only from the pages of mercure.publishOrigins;"
              + " this request names no Origin or Referer; send the token in the Authorization header instead\n",
              anonymous.status() + " " + anonymous.body());
          test.completeNow();
        })));
  }

  /** One hub: an update published on either API reaches the subscribers of both, with the same bytes. */
  @Test
  void updatesAreSharedWithTheHubsOwnApi(VertxTestContext test) {
    String token = mercure.anyPublisher();
    String topic = "https://example.com/books/1";
    TestHub.start(vertx, MercureFixture.config()).compose(hub -> Future.all(
            SseClient.connect(vertx, hub.port(), "/sse?topics=" + topic),
            SseClient.connect(vertx, hub.port(), MercureFixture.PATH + "?match=" + topic))
        .compose(streams -> mercure.publish(hub, "topic=" + topic + "&data=from%0Amercure&id=m1", token)
            .compose(a -> hub.publishJson(new JsonObject().put("topic", topic).put("data", "from ssehub")
                .put("id", "s2")))
            .compose(b -> Future.all(streams.<SseClient>resultAt(0).awaitEvents(2),
                streams.<SseClient>resultAt(1).awaitEvents(2)))
            .map(received -> {
              test.verify(() -> {
                String events = "id: m1\ndata: from\ndata: mercure\n\nid: s2\ndata: from ssehub\n\n";
                assertEquals("retry: 2000\n\n" + events, streams.<SseClient>resultAt(0).raw());
                assertEquals(": \n\n" + events, streams.<SseClient>resultAt(1).raw());
              });
              return received;
            })))
        .onComplete(test.succeedingThenComplete());
  }
}
