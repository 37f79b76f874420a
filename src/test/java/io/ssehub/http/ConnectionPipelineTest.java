package io.ssehub.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ssehub.config.HttpConfig;
import io.ssehub.metrics.HubCounts;
import io.ssehub.metrics.HubMetrics;
import io.ssehub.support.TestClients;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pipeline extensions, a use of Vert.x internals, still work: a new HTTP/1.x connection's pipeline gets the
 * request timeouts (around Vert.x's decoder) and the version check. Fails, rather than passing with nothing done, if
 * a Vert.x upgrade changes the connection type or the pipeline's names.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class ConnectionPipelineTest {

  @Test
  void aNewConnectionGetsEveryExtension(Vertx vertx, VertxTestContext test) {
    PrometheusMeterRegistry registry = HubMetrics.newRegistry();
    HubMetrics metrics = new HubMetrics(false, registry, new HubCounts(() -> 0, () -> 0, () -> 0, () -> 0, () -> 0,
        () -> 0, () -> 0));
    Promise<List<String>> names = Promise.promise();
    vertx.createHttpServer()
        .connectionHandler(connection -> {
          ConnectionPipeline.extend(connection, HttpConfig.defaults(), metrics);
          names.tryComplete(ConnectionPipeline.handlerNames(connection));
        })
        .requestHandler(request -> request.response().end())
        .listen(0, "127.0.0.1")
        .compose(server -> TestClients.http(vertx).request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/"))
        .compose(request -> request.send())
        .compose(response -> names.future())
        .onComplete(test.succeeding(pipeline -> test.verify(() -> {
          String order = String.join(",", pipeline);
          assertTrue(order.matches("(.*,)?ssehub-request-bytes,httpDecoder,.*"
              + "ssehub-request-messages,ssehub-version-check,handler.*"), order);
          test.completeNow();
        })));
  }
}
