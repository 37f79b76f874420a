package io.ssehub.http;

import io.ssehub.event.Topic;
import io.ssehub.support.SseClient;
import io.ssehub.support.TestHub;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code http.instances}: several HTTP verticles share one port (port 0 included) and serve streams alike. */
@ExtendWith(VertxExtension.class)
@Timeout(30_000)
class EventLoopsTest {

  @Test
  void threeInstancesShareThePortAndEveryStreamGetsTheEvent(Vertx vertx, VertxTestContext test) {
    var config = TestHub.config();
    config.getJsonObject("http").put("instances", 3);
    TestHub.start(vertx, config).compose(hub -> {
      List<Future<SseClient>> clients = new ArrayList<>();
      for (int i = 0; i < 9; i++) {
        clients.add(SseClient.connect(vertx, hub.port(), "/sse?topics=t"));
      }
      return Future.all(clients).compose(all -> {
        test.verify(() -> {
          assertEquals(List.of(hub.port()), hub.boundPorts(), "one port for the three verticles");
          assertEquals(9, hub.registry().connections());
        });
        String id = hub.publisher().publish(Topic.of("t"), "to all");
        return Future.all(clients.stream().map(c -> c.result().awaitEvents(1)).toList()).map(events -> {
          test.verify(() -> clients.forEach(c -> assertEquals(id, c.result().events().get(0).lastEventId())));
          return events;
        });
      });
    }).onComplete(test.succeedingThenComplete());
  }
}
