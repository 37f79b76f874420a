package io.ssehub.http;

import io.ssehub.support.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Streams are served over HTTP/1.1 only until HTTP/2 is supported as a whole. */
@ExtendWith(VertxExtension.class)
@Timeout(30_000)
class ProtocolTest {

  @Test
  void cleartextHttp2UpgradeIsDeclined(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx).compose(hub -> vertx.createHttpClient(new HttpClientOptions()
            .setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(true)
            .setDefaultHost("127.0.0.1").setDefaultPort(hub.port()))
        .request(HttpMethod.GET, "/stats")
        .compose(request -> request.send())
        .compose(response -> response.body().map(body -> response)))
        .onComplete(test.succeeding(response -> test.verify(() -> {
          assertEquals(200, response.statusCode());
          assertEquals(HttpVersion.HTTP_1_1, response.version());
          test.completeNow();
        })));
  }
}
