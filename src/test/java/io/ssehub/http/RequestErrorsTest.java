package io.ssehub.http;

import io.ssehub.support.RawHttpSocket;
import io.ssehub.support.SseClient;
import io.ssehub.support.TestHub;
import io.ssehub.support.TestHub.Answer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every refused request, over real HTTP: status, content type and the exact message. */
@ExtendWith(VertxExtension.class)
@Timeout(30_000)
class RequestErrorsTest {

  private static void expect(Vertx vertx, VertxTestContext test, JsonObject config, HttpMethod method, String uri,
                             Consumer<Answer> check) {
    TestHub.start(vertx, config)
        .compose(hub -> hub.request(method, uri).compose(answer -> hub.stats().map(stats -> {
          test.verify(() -> {
            check.accept(answer);
            assertEquals(0, stats.getInteger("connections"), "a refused request leaves nothing open");
            assertEquals(new JsonObject(), stats.getJsonObject("subscriptions"));
          });
          return answer;
        })))
        .onComplete(test.succeedingThenComplete());
  }

  private static Consumer<Answer> plain(int status, String message) {
    return answer -> {
      assertEquals(status, answer.status());
      assertEquals("text/plain; charset=utf-8", answer.header("Content-Type"));
      assertEquals("nosniff", answer.header("X-Content-Type-Options"));
      assertEquals(message + "\n", answer.body());
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"/sse", "/sse?topics=", "/sse?topics=,%20,,", "/sse?other=a"})
  void noTopics(String uri, Vertx vertx, VertxTestContext test) {
    expect(vertx, test, TestHub.config(), HttpMethod.GET, uri, plain(400, "No topics provided: use /sse?topics=a,b"));
  }

  @Test
  void tooManyTopics(Vertx vertx, VertxTestContext test) {
    JsonObject config = TestHub.config().put("sse", new JsonObject().put("maxTopicsPerConnection", 3));
    expect(vertx, test, config, HttpMethod.GET, "/sse?topics=a,b,c,d",
        plain(400, "Too many topics in parameter 'topics': at most 3 per connection (sse.maxTopicsPerConnection)"));
  }

  @Test
  void invalidTopicIsNamedEscaped(Vertx vertx, VertxTestContext test) {
    expect(vertx, test, TestHub.config(), HttpMethod.GET, "/sse?topics=ok,%3Cb%3E%0D%0Ax",
        plain(400, "Invalid topic \"<b>\\u000D\\u000Ax\" in parameter 'topics': a topic name must not contain"
            + " control characters (U+000D found)"));
  }

  @Test
  void malformedPercentEncoding(Vertx vertx, VertxTestContext test) {
    expect(vertx, test, TestHub.config(), HttpMethod.GET, "/sse?topics=%zz",
        plain(400, "Malformed query string \"topics=%zz\": invalid percent-encoding \"%zz\": % must be followed"
            + " by two hex digits"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"topics=%C3%28", "topics=a,%FF%FE", "topics=a&lastEventId=%E2%82"})
  void percentEncodedBytesThatAreNotUtf8(String query, Vertx vertx, VertxTestContext test) {
    expect(vertx, test, TestHub.config(), HttpMethod.GET, "/sse?" + query,
        plain(400, "Malformed query string \"" + query + "\": percent-encoded bytes that are not UTF-8 (send non-ASCII"
            + " text as percent-encoded UTF-8)"));
  }

  @Test
  void percentEncodedUtf8IsATopicName(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx).compose(hub -> SseClient.connect(vertx, hub.port(), "/sse?topics=%C3%A9t%C3%A9")
            .compose(client -> hub.stats().map(stats -> {
              test.verify(() -> {
                assertEquals(200, client.response().statusCode());
                assertEquals(new JsonObject().put("\u00e9t\u00e9", 1), stats.getJsonObject("subscriptions"));
              });
              return client;
            }))
            .compose(client -> client.close()))
        .onComplete(test.succeedingThenComplete());
  }

  /** Sends raw bytes (one per char) and completes with the whole answer once {@code last} has arrived. */
  private static Future<String> raw(Vertx vertx, TestHub hub, String bytes, String last) {
    return RawHttpSocket.connect(vertx, hub.port(), false, 0)
        .compose(socket -> socket.sendLatin1(bytes).compose(sent -> socket.awaitText(last))
            .map(v -> socket.received()).eventually(socket::close));
  }

  /** Sends raw bytes and expects a plain 400 whose body is {@code message}. */
  private static void rawRefusal(Vertx vertx, VertxTestContext test, String request, String message) {
    TestHub.start(vertx).compose(hub -> raw(vertx, hub, request, message + "\n"))
        .onComplete(test.succeeding(answer -> test.verify(() -> {
          assertTrue(answer.startsWith("HTTP/1.1 400 Bad Request\r\n"), answer);
          assertTrue(answer.endsWith("\r\n\r\n" + message + "\n"), answer);
          test.completeNow();
        })));
  }

  @Test
  void rawQueryBytesThatAreNotUtf8AreNamedAsSuch(Vertx vertx, VertxTestContext test) {
    rawRefusal(vertx, test, "GET /sse?topics=\u00ff\u00fe HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        "Malformed query string \"topics=\\xFF\\xFE\": the raw byte 0xFF is not UTF-8 (send non-ASCII text as"
            + " percent-encoded UTF-8)");
  }

  @Test
  void rawUtf8QueryBytesAreDecodedAsUtf8(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx).compose(hub -> RawHttpSocket.connect(vertx, hub.port(), false, 0)
            .compose(socket -> socket.sendLatin1("GET /sse?topics=\u00c3\u00a9t\u00c3\u00a9 HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\n\r\n")
                .compose(sent -> socket.awaitText("retry: 2000\n"))
                .compose(open -> hub.stats())
                .eventually(socket::close)))
        .onComplete(test.succeeding(stats -> test.verify(() -> {
          assertEquals(new JsonObject().put("\u00e9t\u00e9", 1), stats.getJsonObject("subscriptions"));
          test.completeNow();
        })));
  }

  @Test
  void parameterNamesAreCaseSensitive(Vertx vertx, VertxTestContext test) {
    expect(vertx, test, TestHub.config(), HttpMethod.GET, "/sse?TOPICS=a",
        plain(400, "No topics provided: use /sse?topics=a,b"));
  }

  /** Header bytes are read one per char; an id sent as UTF-8 comes back in the replay signal as the same UTF-8. */
  @Test
  void aUtf8LastEventIdIsEchoedAsSent(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx).compose(hub -> raw(vertx, hub, "GET /sse?topics=a HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Last-Event-ID: \u00c3\u00a9t\u00c3\u00a9\r\n\r\n", "\"replayed\""))
        .onComplete(test.succeeding(answer -> test.verify(() -> {
          assertTrue(answer.contains("data: {\"lastEventId\":\"\u00c3\u00a9t\u00c3\u00a9\",\"replayed\""), answer);
          test.completeNow();
        })));
  }

  @Test
  void aLastEventIdThatIsNotUtf8IsRefusedEscaped(Vertx vertx, VertxTestContext test) {
    rawRefusal(vertx, test, "GET /sse?topics=a HTTP/1.1\r\nHost: 127.0.0.1\r\nLast-Event-ID: a\u00ff\r\n\r\n",
        "Invalid Last-Event-ID header: \"a\\xFF\" is not UTF-8");
  }

  @Test
  void malformedPath(Vertx vertx, VertxTestContext test) {
    expect(vertx, test, TestHub.config(), HttpMethod.GET, "/%zz",
        plain(400, "Malformed request \"GET /%zz\""));
  }

  @Test
  void tooLongUrl(Vertx vertx, VertxTestContext test) {
    expect(vertx, test, TestHub.config(), HttpMethod.GET, "/sse?topics=" + "t".repeat(9000),
        plain(414, "The request line is longer than 8192 bytes (http.maxRequestLineBytes): shorten the URL or its"
            + " query"));
  }

  @Test
  void tooLongTopic(Vertx vertx, VertxTestContext test) {
    expect(vertx, test, TestHub.config(), HttpMethod.GET, "/sse?topics=" + "t".repeat(1025),
        plain(400, "Invalid topic \"" + "t".repeat(64) + "\"… (1025 characters) in parameter 'topics': a topic"
            + " name is at most 1024 characters, this one has 1025"));
  }

  @Test
  void otherMethodsOnSse(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx).compose(hub -> Future.all(
        List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.PATCH, HttpMethod.HEAD).stream()
            .map(method -> hub.request(method, "/sse?topics=a").map(answer -> {
              test.verify(() -> {
                assertEquals(405, answer.status(), method.name());
                assertEquals("GET", answer.header("Allow"));
                if (method != HttpMethod.HEAD) {
                  assertEquals("Method \"" + method.name() + "\" is not allowed on \"/sse\": use GET\n", answer.body());
                }
              });
              return answer;
            })).toList()))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void otherMethodsOnStats(Vertx vertx, VertxTestContext test) {
    expect(vertx, test, TestHub.config(), HttpMethod.POST, "/stats", answer -> {
      plain(405, "Method \"POST\" is not allowed on \"/stats\": use GET").accept(answer);
      assertEquals("GET", answer.header("Allow"));
    });
  }

  @Test
  void unknownPath(Vertx vertx, VertxTestContext test) {
    expect(vertx, test, TestHub.config(), HttpMethod.GET, "/nope", plain(404, "Not Found"));
  }
}
