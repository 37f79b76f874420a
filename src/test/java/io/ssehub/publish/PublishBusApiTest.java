package io.ssehub.publish;

import io.ssehub.support.SseClient;
import io.ssehub.support.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Publishing from code in the same JVM, through the event bus, as the README shows. */
@ExtendWith(VertxExtension.class)
@Timeout(30_000)
class PublishBusApiTest {

  @Test
  void publishesAndRepliesWithTheId(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx).compose(hub -> SseClient.connect(vertx, hub.port(), "/sse?topics=orders").compose(client ->
        vertx.eventBus().<String>request("ssehub.publish", new JsonObject()
                .put("topics", new JsonArray().add("orders")).put("data", "order 42 shipped").put("type", "shipped"))
            .compose(reply -> client.awaitEvents(1).map(events -> {
              test.verify(() -> assertEquals("retry: 2000\n\nid: " + reply.body()
                  + "\nevent: shipped\ndata: order 42 shipped\n\n", client.raw()));
              return events;
            }))))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void refusalsFailWithTheHttpStatusAndMessage(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx)
        .compose(hub -> vertx.eventBus().request("ssehub.publish", new JsonObject().put("topic", "t")))
        .onComplete(test.failing(failure -> test.verify(() -> {
          ReplyException reply = (ReplyException) failure;
          assertEquals(400, reply.failureCode());
          assertEquals("Invalid 'data': is required (it may be empty)", reply.getMessage());
          test.completeNow();
        })));
  }

  @Test
  void bodyMustBeAJsonObject(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx)
        .compose(hub -> vertx.eventBus().request("ssehub.publish", "not json"))
        .onComplete(test.failing(failure -> test.verify(() -> {
          assertEquals(400, ((ReplyException) failure).failureCode());
          test.completeNow();
        })));
  }
}
