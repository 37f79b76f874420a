package io.ssehub.http;

import io.ssehub.support.TestClients;
import io.ssehub.support.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Cleartext HTTP/2 (h2c): declined by default, served when {@code http.h2c} is on. */
@ExtendWith(VertxExtension.class)
@Timeout(30_000)
class ProtocolTest {

  @Test
  void cleartextHttp2UpgradeIsDeclined(Vertx vertx, VertxTestContext test) {
    answeredOver(vertx, test, TestHub.config(), HttpVersion.HTTP_1_1);
  }

  @Test
  void cleartextHttp2IsServedWhenH2cIsOn(Vertx vertx, VertxTestContext test) {
    JsonObject config = TestHub.config();
    config.getJsonObject("http").put("h2c", true);
    answeredOver(vertx, test, config, HttpVersion.HTTP_2);
  }

  /** A client asking to upgrade to h2c gets its answer over {@code expected}. */
  private static void answeredOver(Vertx vertx, VertxTestContext test, JsonObject config, HttpVersion expected) {
    TestHub.start(vertx, config).compose(hub -> TestClients.http(vertx, new HttpClientOptions()
            .setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(true)
            .setDefaultHost("127.0.0.1").setDefaultPort(hub.port()))
        .request(HttpMethod.GET, "/health/live")
        .compose(request -> request.send())
        .compose(response -> response.body().map(body -> response)))
        .onComplete(test.succeeding(response -> test.verify(() -> {
          assertEquals(200, response.statusCode());
          assertEquals(expected, response.version());
          test.completeNow();
        })));
  }
}
