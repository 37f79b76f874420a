package io.ssehub.http;

import io.ssehub.support.RawHttpSocket;
import io.ssehub.support.SseClient;
import io.ssehub.support.SseParser.ParsedEvent;
import io.ssehub.support.TestClients;
import io.ssehub.support.TestHub;
import io.ssehub.support.TestHub.Answer;
import io.vertx.core.CompositeFuture;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /publish} over real HTTP: both formats, the answer, and every refusal with its message. */
@ExtendWith(VertxExtension.class)
@Timeout(30_000)
class PublishApiTest {

  private static final Pattern GENERATED_ID = Pattern.compile("[0-9a-z]+-\\d+");

  @Test
  void formPublishReachesSubscribersAndAnswersTheId(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx).compose(hub -> SseClient.connect(vertx, hub.port(), "/sse?topics=news").compose(client ->
        hub.publishForm("topic=news&data=hello%0Aworld&type=greeting&retry=1500").compose(answer ->
            client.awaitEvents(1).map(events -> {
              test.verify(() -> {
                assertEquals(200, answer.status());
                assertEquals("text/plain; charset=utf-8", answer.header("Content-Type"));
                assertTrue(GENERATED_ID.matcher(answer.body()).matches(), answer.body());
                assertTrue(client.raw().endsWith("id: " + answer.body() + "\nevent: greeting\nretry: 1500\n"
                    + "data: hello\ndata: world\n\n"), client.raw());
                assertEquals(new ParsedEvent(answer.body(), "greeting", "hello\nworld"), events.get(0));
              });
              return events;
            }))))
        .onComplete(test.succeedingThenComplete());
  }

  private static CompositeFuture verifyOnce(VertxTestContext test, Answer answer, Answer second,
                                           CompositeFuture clients) {
    test.verify(() -> {
      assertEquals("order-7", answer.body());
      SseClient ab = clients.resultAt(0);
      assertEquals(List.of("both", "only a"), ab.events().stream().map(ParsedEvent::data).toList());
      assertEquals("retry: 2000\n\nid: order-7\ndata: both\n\nid: " + second.body() + "\ndata: only a\n\n",
          ab.raw(), "the event on both topics arrives once");
      assertEquals("retry: 2000\n\nid: order-7\ndata: both\n\n", clients.<SseClient>resultAt(1).raw());
    });
    return clients;
  }

  @Test
  void jsonPublishToSeveralTopicsIsOneEvent(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx).compose(hub -> Future.all(
        SseClient.connect(vertx, hub.port(), "/sse?topics=a,b"),
        SseClient.connect(vertx, hub.port(), "/sse?topics=b")
    ).compose(clients -> hub.publishJson(new JsonObject().put("topics", new JsonArray().add("a").add("b"))
            .put("data", "both").put("id", "order-7"))
        .compose(answer -> hub.publishJson(new JsonObject().put("topic", "a").put("data", "only a"))
            .compose(second -> Future.all(clients.<SseClient>resultAt(0).awaitEvents(2),
                clients.<SseClient>resultAt(1).awaitEvents(1)).map(all -> verifyOnce(test, answer, second, clients))))))
        .onComplete(test.succeedingThenComplete());
  }

  private static void refused(Vertx vertx, VertxTestContext test, Function<TestHub, Future<Answer>> send,
                              int status, String message) {
    refused(vertx, test, new JsonObject().put("maxDataBytes", 1000), send, status, message);
  }

  /** Publishes with {@code send} on a hub whose history holds an event with id "taken"; expects a refusal. */
  private static void refused(Vertx vertx, VertxTestContext test, JsonObject publishConfig,
                              Function<TestHub, Future<Answer>> send, int status, String message) {
    TestHub.start(vertx, TestHub.config().put("publish", publishConfig))
        .compose(hub -> hub.publishForm("topic=seed&data=x&id=taken").compose(seeded -> send.apply(hub)))
        .onComplete(test.succeeding(answer -> test.verify(() -> {
          assertEquals(status, answer.status(), answer.body());
          assertEquals("text/plain; charset=utf-8", answer.header("Content-Type"));
          assertEquals(message + "\n", answer.body());
          test.completeNow();
        })));
  }

  @Test
  void missingTopic(Vertx vertx, VertxTestContext test) {
    refused(vertx, test, hub -> hub.publishForm("data=x"), 400,
        "Invalid 'topic': at least one topic is required");
  }

  @Test
  void duplicateJsonKey(Vertx vertx, VertxTestContext test) {
    refused(vertx, test, hub -> hub.post("/publish", "application/json",
            "{\"topic\":\"t\",\"data\":\"x\",\"data\":\"y\"}"), 400,
        "Invalid JSON body: invalid JSON at line 1, column 31: \"Duplicate field 'data'\"");
  }

  @Test
  void nullTopic(Vertx vertx, VertxTestContext test) {
    refused(vertx, test, hub -> hub.post("/publish", "application/json", "{\"topic\":null,\"data\":\"x\"}"), 400,
        "Invalid 'topic': must be a string");
  }

  @Test
  void idMustBeVisibleAscii(Vertx vertx, VertxTestContext test) {
    refused(vertx, test, hub -> hub.publishJson(new JsonObject().put("topic", "t").put("data", "x")
            .put("id", "€uro")), 400,
        "Invalid 'id': \"€uro\" must be visible ASCII characters only (no spaces, controls or non-ASCII), so"
            + " that it survives the Last-Event-ID header");
  }

  @Test
  void controlCharacterInType(Vertx vertx, VertxTestContext test) {
    refused(vertx, test, hub -> hub.publishForm("topic=t&data=x&type=a%01b"), 400,
        "Invalid 'type': \"a\\u0001b\" contains a control character");
  }

  @Test
  void missingData(Vertx vertx, VertxTestContext test) {
    refused(vertx, test, hub -> hub.publishJson(new JsonObject().put("topic", "t")), 400,
        "Invalid 'data': is required (it may be empty)");
  }

  @Test
  void lineBreakInId(Vertx vertx, VertxTestContext test) {
    refused(vertx, test, hub -> hub.publishForm("topic=t&data=x&id=a%0D%0Aevent:%20forged"), 400,
        "Invalid 'id': \"a\\u000D\\u000Aevent: forged\" contains CR, LF or NUL, which would break the event stream");
  }

  @Test
  void nulInType(Vertx vertx, VertxTestContext test) {
    refused(vertx, test, hub -> hub.publishJson(new JsonObject().put("topic", "t").put("data", "x")
            .put("type", "a\u0000b")), 400,
        "Invalid 'type': \"a\\u0000b\" contains CR, LF or NUL, which would break the event stream");
  }

  @Test
  void nonDigitRetry(Vertx vertx, VertxTestContext test) {
    refused(vertx, test, hub -> hub.publishForm("topic=t&data=x&retry=12a"), 400,
        "Invalid 'retry': \"12a\" is not a whole number of milliseconds from 0 to 86400000");
  }

  @Test
  void aLongRetryIsShownShortened(Vertx vertx, VertxTestContext test) {
    refused(vertx, test, hub -> hub.publishForm("topic=t&data=x&retry=1" + "0".repeat(100)), 400,
        "Invalid 'retry': 1" + "0".repeat(23) + "… (101 characters) is out of range; it must be a whole number of"
            + " milliseconds from 0 to 86400000");
  }

  @Test
  void jsonRetryMustBeAWholeNumber(Vertx vertx, VertxTestContext test) {
    refused(vertx, test,
        hub -> hub.post("/publish", "application/json", "{\"topic\":\"t\",\"data\":\"x\",\"retry\":1.5}"),
        400, "Invalid 'retry': must be a whole number of milliseconds from 0 to 86400000");
  }

  /** One rule for both formats: the bound of sse.retryMillis, checked on the number, whatever its spelling. */
  @ParameterizedTest
  @ValueSource(strings = {"86400001", "9223372036854775807", "99999999999999999999999", "-1", "-86400000"})
  void retryOutOfRangeIsRefusedAlikeInFormAndJson(String retry, Vertx vertx, VertxTestContext test) {
    String message = "Invalid 'retry': " + retry + " is out of range; it must be a whole number of milliseconds from 0"
        + " to 86400000\n";
    TestHub.start(vertx).compose(hub -> Future.all(
            hub.publishForm("topic=t&data=x&retry=" + retry),
            hub.post("/publish", "application/json", "{\"topic\":\"t\",\"data\":\"x\",\"retry\":" + retry + "}"),
            hub.publishForm("topic=t&data=x&retry=0086400000"),
            hub.post("/publish", "application/json", "{\"topic\":\"t\",\"data\":\"x\",\"retry\":86400000}"))
        .onComplete(test.succeeding(all -> test.verify(() -> {
          assertEquals(400, all.<Answer>resultAt(0).status());
          assertEquals(message, all.<Answer>resultAt(0).body());
          assertEquals(400, all.<Answer>resultAt(1).status());
          assertEquals(message, all.<Answer>resultAt(1).body());
          assertEquals(200, all.<Answer>resultAt(2).status(), "the bound itself, with leading zeros");
          assertEquals(200, all.<Answer>resultAt(3).status(), "the bound itself");
          test.completeNow();
        }))));
  }

  @Test
  void invalidTopic(Vertx vertx, VertxTestContext test) {
    refused(vertx, test, hub -> hub.publishForm("topic=a%20b&data=x"), 400,
        "Invalid 'topic': \"a b\" is not a valid topic: a topic name must not contain whitespace (U+0020 found)");
  }

  @Test
  void tooManyTopics(Vertx vertx, VertxTestContext test) {
    refused(vertx, test, new JsonObject().put("maxTopicsPerEvent", 2),
        hub -> hub.publishForm("topic=a&topic=b&topic=c&data=x"),
        400, "Invalid 'topic': 3 topics given, at most 2 per event (publish.maxTopicsPerEvent)");
  }

  @Test
  void reservedType(Vertx vertx, VertxTestContext test) {
    refused(vertx, test, hub -> hub.publishForm("topic=t&data=x&type=ssehub-replay"), 400,
        "Invalid 'type': \"ssehub-replay\" starts with \"ssehub-\", which is reserved for the hub's own events");
  }

  @Test
  void reservedId(Vertx vertx, VertxTestContext test) {
    refused(vertx, test, hub -> hub.publishForm("topic=t&data=x&id=earliest"), 400,
        "Invalid 'id': \"earliest\" is reserved for Last-Event-ID");
  }

  @Test
  void veryLongId(Vertx vertx, VertxTestContext test) {
    refused(vertx, test, hub -> hub.publishForm("topic=t&data=x&id=" + "i".repeat(257)), 400,
        "Invalid 'id': is 257 characters long, at most 256 allowed");
  }

  @Test
  void unknownField(Vertx vertx, VertxTestContext test) {
    refused(vertx, test, hub -> hub.publishJson(new JsonObject().put("topic", "t").put("date", "x")), 400,
        "Unknown field \"date\": the fields are topics (or topic), data, id, type, retry, private");
  }

  @Test
  void unknownFormFieldIsNamedEscaped(Vertx vertx, VertxTestContext test) {
    refused(vertx, test, hub -> hub.publishForm("topic=t&data=x&da%0Ate=y"), 400,
        "Unknown field \"da\\u000Ate\": the fields are topic, data, id, type, retry, private");
  }

  /** The form decoder's field limit must not hide the documented message: the count is given, as for JSON. */
  @Test
  void aHundredTopicsGetTheSameMessageInFormAndJson(Vertx vertx, VertxTestContext test) {
    List<String> names = IntStream.range(0, 100).mapToObj(i -> "t" + i).toList();
    String form = names.stream().map(name -> "topic=" + name).collect(Collectors.joining("&")) + "&data=x";
    String message = "Invalid 'topic': 100 topics given, at most 64 per event (publish.maxTopicsPerEvent)\n";
    TestHub.start(vertx).compose(hub -> Future.all(hub.publishForm(form),
            hub.publishJson(new JsonObject().put("topics", new JsonArray(names)).put("data", "x"))))
        .onComplete(test.succeeding(all -> test.verify(() -> {
          for (int i = 0; i < 2; i++) {
            assertEquals(400, all.<Answer>resultAt(i).status());
            assertEquals(message, all.<Answer>resultAt(i).body());
          }
          test.completeNow();
        })));
  }

  @Test
  void malformedJson(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx).compose(hub -> hub.post("/publish", "application/json", "{\"topic\": "))
        .onComplete(test.succeeding(answer -> test.verify(() -> {
          assertEquals(400, answer.status());
          assertEquals("Invalid JSON body: invalid JSON at line 1, column 11: \"Unexpected end-of-input within/between"
              + " Object entries\"\n", answer.body());
          test.completeNow();
        })));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "topic=t&data=%zz|invalid percent-encoding \"%zz\": % must be followed by two hex digits",
      "topic=t&data=%4|invalid percent-encoding \"%4\": % must be followed by two hex digits",
      "topic=t&data=%C3%28|percent-encoded bytes that are not UTF-8 (send non-ASCII text as percent-encoded UTF-8)",
      "topic=%FF&data=x|percent-encoded bytes that are not UTF-8 (send non-ASCII text as percent-encoded UTF-8)"})
  void malformedForm(String form, String why, Vertx vertx, VertxTestContext test) {
    refused(vertx, test, hub -> hub.publishForm(form), 400, "Malformed form body: " + why);
  }

  @Test
  void rawFormBytesThatAreNotUtf8(Vertx vertx, VertxTestContext test) {
    byte[] body = {'t', 'o', 'p', 'i', 'c', '=', 't', '&', 'd', 'a', 't', 'a', '=', (byte) 0xE9, 't', (byte) 0xE9};
    refused(vertx, test, hub -> TestClients.http(vertx)
            .request(new RequestOptions().setMethod(HttpMethod.POST)
                .setHost("127.0.0.1").setPort(hub.port()).setURI("/publish")
                .putHeader("Content-Type", "application/x-www-form-urlencoded"))
            .compose(request -> request.send(Buffer.buffer(body)))
            .compose(response -> response.body().map(text -> new Answer(response, text.toString()))),
        400, "Malformed form body: the raw byte 0xE9 is not UTF-8 (send non-ASCII text as"
            + " percent-encoded UTF-8)");
  }

  @Test
  void jsonBytesThatAreNotUtf8(Vertx vertx, VertxTestContext test) {
    byte[] body = {'{', '"', 't', 'o', 'p', 'i', 'c', '"', ':', '"', 't', '"', ',', '"', 'd', 'a', 't', 'a', '"', ':',
        '"', (byte) 0xC3, '(', '"', '}'};
    refused(vertx, test, hub -> TestClients.http(vertx)
            .request(new RequestOptions().setMethod(HttpMethod.POST)
                .setHost("127.0.0.1").setPort(hub.port()).setURI("/publish")
                .putHeader("Content-Type", "application/json"))
            .compose(request -> request.send(Buffer.buffer(body)))
            .compose(response -> response.body().map(text -> new Answer(response, text.toString()))),
        400, "Invalid JSON body: it is not UTF-8");
  }

  @Test
  void dataTooLarge(Vertx vertx, VertxTestContext test) {
    refused(vertx, test, hub -> hub.publishForm("topic=t&data=" + "é".repeat(501)), 413,
        "Field 'data' is larger than 1000 bytes (publish.maxDataBytes)");
  }

  @Test
  void wrongContentType(Vertx vertx, VertxTestContext test) {
    refused(vertx, test, hub -> hub.post("/publish", "text/plain", "hello"), 415,
        "Unsupported Content-Type \"text/plain\": use application/x-www-form-urlencoded or application/json");
  }

  @Test
  void missingContentType(Vertx vertx, VertxTestContext test) {
    refused(vertx, test, hub -> hub.post("/publish", null, "topic=t&data=x"), 415,
        "Unsupported Content-Type \"null\": use application/x-www-form-urlencoded or application/json");
  }

  @Test
  void duplicateExplicitId(Vertx vertx, VertxTestContext test) {
    refused(vertx, test, hub -> hub.publishForm("topic=other&data=y&id=taken"), 409,
        "Duplicate 'id': \"taken\" is already used by an event in history, or was recently");
  }

  @Test
  void otherMethods(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx).compose(hub -> hub.request(HttpMethod.GET, "/publish"))
        .onComplete(test.succeeding(answer -> test.verify(() -> {
          assertEquals(405, answer.status());
          assertEquals("POST", answer.header("Allow"));
          test.completeNow();
        })));
  }

  @Test
  void oversizedBodyIsRefusedFromItsContentLengthWithoutReadingIt(Vertx vertx, VertxTestContext test) {
    // Announces a gigabyte and sends none of it: the answer can only come from the header.
    TestHub.start(vertx).compose(hub -> RawHttpSocket.connect(vertx, hub.port(), false, 0)
        .compose(socket -> socket.send("POST /publish HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000000000\r\n\r\ntopic=t")
            .compose(sent -> socket.closedByPeer()).map(socket)))
        .onComplete(test.succeeding(socket -> test.verify(() -> {
          String received = socket.received();
          assertTrue(received.startsWith("HTTP/1.1 413 Request Entity Too Large\r\n"), received);
          assertTrue(received.endsWith("Request body larger than 6356992 bytes (6 x publish.maxDataBytes + 64 KiB for"
              + " the other fields and their encoding)\n"), received);
          test.completeNow();
        })));
  }
}
