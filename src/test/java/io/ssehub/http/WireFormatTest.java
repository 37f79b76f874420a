package io.ssehub.http;

import io.ssehub.support.SseClient;
import io.ssehub.support.SseParser.ParsedEvent;
import io.ssehub.support.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The exact bytes of every field combination, published over HTTP and read over HTTP, and attempts to inject fields
 * or events through each of id, type, topic and data.
 */
@ExtendWith(VertxExtension.class)
@Timeout(30_000)
class WireFormatTest {

  @Test
  void everyFieldCombinationInOrder(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx).compose(hub -> SseClient.connect(vertx, hub.port(), "/sse?topics=w").compose(client ->
        hub.publishJson(new JsonObject().put("topic", "w").put("data", "plain").put("id", "i1"))
            .compose(a -> hub.publishJson(new JsonObject().put("topic", "w").put("data", "typed").put("id", "i2")
                .put("type", "kind")))
            .compose(a -> hub.publishJson(new JsonObject().put("topic", "w").put("data", "retried").put("id", "i3")
                .put("retry", 250)))
            .compose(a -> hub.publishJson(new JsonObject().put("topic", "w").put("data", "all\nthree").put("id", "i4")
                .put("type", "kind").put("retry", 0)))
            .compose(a -> hub.publishJson(new JsonObject().put("topic", "w").put("data", "").put("id", "i5")))
            .compose(a -> client.awaitEvents(5))
            .map(events -> {
              test.verify(() -> assertEquals("retry: 2000\n\n"
                  + "id: i1\ndata: plain\n\n"
                  + "id: i2\nevent: kind\ndata: typed\n\n"
                  + "id: i3\nretry: 250\ndata: retried\n\n"
                  + "id: i4\nevent: kind\nretry: 0\ndata: all\ndata: three\n\n"
                  + "id: i5\ndata: \n\n", client.raw()));
              return events;
            })))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void eventNamesByTopicOnlyForEventsWithoutAType(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx).compose(hub -> SseClient.connect(vertx, hub.port(), "/sse?topics=a,b&eventNames=topic")
        .compose(named -> SseClient.connect(vertx, hub.port(), "/sse?topics=a").compose(plain ->
            hub.publishForm("topic=a&data=1&id=n1")
                .compose(x -> hub.publishForm("topic=b&data=2&id=n2&type=custom"))
                .compose(x -> hub.publishForm("topic=a&topic=b&data=3&id=n3"))
                .compose(x -> named.awaitEvents(3))
                .compose(x -> plain.awaitEvents(2))
                .map(x -> {
                  test.verify(() -> {
                    assertEquals("retry: 2000\n\nid: n1\nevent: a\ndata: 1\n\nid: n2\nevent: custom\ndata: 2\n\n"
                        + "id: n3\nevent: a\ndata: 3\n\n", named.raw());
                    assertEquals("retry: 2000\n\nid: n1\ndata: 1\n\nid: n3\ndata: 3\n\n", plain.raw(),
                        "the default stays a plain message");
                  });
                  return x;
                }))))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void invalidEventNamesValue(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx).compose(hub -> hub.request(io.vertx.core.http.HttpMethod.GET,
            "/sse?topics=a&eventNames=type"))
        .onComplete(test.succeeding(answer -> test.verify(() -> {
          assertEquals(400, answer.status());
          assertEquals("Invalid parameter 'eventNames': \"type\"; the only value is \"topic\"\n", answer.body());
          test.completeNow();
        })));
  }

  @Test
  void dataCannotInjectFieldsOrEvents(Vertx vertx, VertxTestContext test) {
    String hostile = "x\nid: forged\n\nevent: admin\r\ndata: injected\rretry: 1\r\n\r\n" + "z".repeat(100_000);
    TestHub.start(vertx).compose(hub -> SseClient.connect(vertx, hub.port(), "/sse?topics=h").compose(client ->
        hub.publishJson(new JsonObject().put("topic", "h").put("data", hostile).put("id", "real"))
            .compose(answer -> client.awaitEvents(1))
            .map(events -> {
              test.verify(() -> {
                assertEquals(List.of(new ParsedEvent("real", "message",
                        "x\nid: forged\n\nevent: admin\ndata: injected\nretry: 1\n\n" + "z".repeat(100_000))),
                    events);
                assertEquals("retry: 2000\n\nid: real\ndata: x\ndata: id: forged\ndata: \ndata: event: admin\n"
                    + "data: data: injected\ndata: retry: 1\ndata: \ndata: " + "z".repeat(100_000) + "\n\n",
                    client.raw());
                assertEquals(2000L, client.parser().retry(), "the client's retry is still the server's");
              });
              return events;
            })))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void idTypeAndTopicInjectionsAreRefusedAndNothingIsSent(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx).compose(hub -> SseClient.connect(vertx, hub.port(), "/sse?topics=h").compose(client ->
        hub.publishForm("topic=h&data=x&id=a%0Adata:%20forged")
            .compose(id -> hub.publishForm("topic=h&data=x&type=a%0D%0Aid:%201"))
            .compose(type -> hub.publishForm("topic=h&data=x&type=a%00b"))
            .compose(nul -> hub.publishForm("topic=h%0Aevent:%20x&data=x"))
            .compose(topic -> hub.publishForm("topic=h&data=after&id=ok"))
            .compose(ok -> client.awaitEvents(1))
            .map(events -> {
              test.verify(() -> assertEquals("retry: 2000\n\nid: ok\ndata: after\n\n", client.raw(),
                  "refused publishes send nothing"));
              return events;
            })))
        .onComplete(test.succeedingThenComplete());
  }
}
