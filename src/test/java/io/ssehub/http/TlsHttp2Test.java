package io.ssehub.http;

import io.ssehub.event.Topic;
import io.ssehub.support.MercureFixture;
import io.ssehub.support.SseParser;
import io.ssehub.support.TestClients;
import io.ssehub.support.TestHub;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.StreamResetException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTPS with a self-signed certificate made at test time: HTTP/2 through ALPN carries several SSE streams on one
 * connection, with no hop-by-hop headers; a client that only speaks HTTP/1.1 still gets it.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class TlsHttp2Test {

  private static JsonObject tlsConfig() {
    SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
    JsonObject config = TestHub.config();
    config.getJsonObject("http").put("tls", new JsonObject().put("certPath", certificate.certificatePath())
        .put("keyPath", certificate.privateKeyPath()));
    return config;
  }

  private static HttpClient client(Vertx vertx, int port, HttpVersion version) {
    return TestClients.http(vertx, new HttpClientOptions().setSsl(true).setTrustAll(true).setVerifyHost(false)
            .setUseAlpn(version == HttpVersion.HTTP_2).setProtocolVersion(version)
            .setDefaultHost("127.0.0.1").setDefaultPort(port),
        new PoolOptions().setHttp2MaxSize(1).setHttp1MaxSize(1));
  }

  /** Opens a stream and completes with its first event (after the opening), parsed. */
  private static Future<HttpClientResponse> open(HttpClient client, String uri, Promise<SseParser.ParsedEvent> first) {
    return client.request(HttpMethod.GET, uri).compose(request -> request.send()).map(response -> {
      SseParser parser = new SseParser();
      response.handler(buffer -> {
        parser.feed(buffer.toString());
        if (!parser.events().isEmpty()) {
          first.tryComplete(parser.events().get(0));
        }
      });
      return response;
    });
  }

  @Test
  void http2CarriesSeveralStreamsOnOneConnection(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx, tlsConfig()).compose(hub -> {
      HttpClient h2 = client(vertx, hub.port(), HttpVersion.HTTP_2);
      Promise<SseParser.ParsedEvent> red = Promise.promise();
      Promise<SseParser.ParsedEvent> blue = Promise.promise();
      return open(h2, "/sse?topics=red", red)
          .compose(first -> open(h2, "/sse?topics=blue", blue).map(second -> List.of(first, second)))
          .compose(streams -> {
            test.verify(() -> {
              for (HttpClientResponse stream : streams) {
                assertEquals(HttpVersion.HTTP_2, stream.version());
                assertEquals(200, stream.statusCode());
                assertEquals("text/event-stream; charset=utf-8", stream.getHeader("Content-Type"));
                assertNull(stream.getHeader("Connection"), "no hop-by-hop header over HTTP/2");
                assertNull(stream.getHeader("Transfer-Encoding"));
              }
              assertSame(streams.get(0).request().connection(), streams.get(1).request().connection(),
                  "both streams share one connection");
            });
            hub.publisher().publish(Topic.of("red"), "r");
            hub.publisher().publish(Topic.of("blue"), "b");
            return Future.all(red.future(), blue.future());
          })
          .map(events -> {
            test.verify(() -> {
              assertEquals("r", events.<SseParser.ParsedEvent>resultAt(0).data());
              assertEquals("b", events.<SseParser.ParsedEvent>resultAt(1).data());
            });
            return events;
          })
          .compose(events -> h2.close());
    }).onComplete(test.succeedingThenComplete());
  }

  @Test
  void aMercureStreamOverHttp2HasItsHeadersAndNoHopByHopOnes(Vertx vertx, VertxTestContext test) {
    JsonObject config = tlsConfig().put("mercure", MercureFixture.config().getJsonObject("mercure"));
    TestHub.start(vertx, config).compose(hub -> {
      HttpClient h2 = client(vertx, hub.port(), HttpVersion.HTTP_2);
      Promise<SseParser.ParsedEvent> green = Promise.promise();
      return open(h2, "/.well-known/mercure?match_urlpattern=https://example.com/:colour", green)
          .compose(stream -> {
            test.verify(() -> {
              assertEquals(HttpVersion.HTTP_2, stream.version());
              assertEquals("text/event-stream; charset=utf-8", stream.getHeader("Content-Type"));
              assertEquals("private, no-cache, no-store, must-revalidate, max-age=0",
                  stream.getHeader("Cache-Control"));
              assertEquals("earliest", stream.getHeader("Mercure-Last-Event-ID"));
              assertNull(stream.getHeader("Connection"), "no hop-by-hop header over HTTP/2");
              assertNull(stream.getHeader("Transfer-Encoding"));
            });
            hub.publisher().publish(Topic.of("https://example.com/green"), "g");
            return green.future();
          })
          .map(event -> {
            test.verify(() -> assertEquals("g", event.data()));
            return event;
          })
          .compose(event -> h2.close());
    }).onComplete(test.succeedingThenComplete());
  }

  @Test
  void aRefusalThatClosesAnHttp11ConnectionLeavesTheHttp2ConnectionToItsOtherStreams(Vertx vertx,
                                                                                    VertxTestContext test) {
    JsonObject config = tlsConfig().put("publish", new JsonObject().put("maxDataBytes", 10));
    TestHub.start(vertx, config).compose(hub -> {
      HttpClient h2 = client(vertx, hub.port(), HttpVersion.HTTP_2);
      Promise<SseParser.ParsedEvent> first = Promise.promise();
      return open(h2, "/sse?topics=kept", first).compose(stream -> h2.request(new RequestOptions()
              .setMethod(HttpMethod.POST).setURI("/publish")
              .putHeader("Content-Type", "application/x-www-form-urlencoded"))
          .compose(request -> request.send("topic=kept&data=" + "y".repeat(100_000)))
          .compose(refused -> refused.body().map(body -> {
            test.verify(() -> {
              assertEquals(413, refused.statusCode(), body.toString());
              assertNull(refused.getHeader("Connection"), "no hop-by-hop header over HTTP/2");
            });
            hub.publisher().publish(Topic.of("kept"), "after the refusal");
            return stream;
          })))
          .compose(stream -> first.future())
          .map(event -> {
            test.verify(() -> assertEquals("after the refusal", event.data(), "the stream on the same connection"));
            return event;
          })
          .compose(event -> h2.close());
    }).onComplete(test.succeedingThenComplete());
  }

  @Test
  void aSlowStreamIsResetAloneWhileItsNeighbourOnTheConnectionGoesOn(Vertx vertx, VertxTestContext test) {
    JsonObject config = tlsConfig().put("sse", new JsonObject().put("maxQueuedBytesPerConnection", 1024));
    String payload = "x".repeat(16_384);
    TestHub.start(vertx, config).compose(hub -> {
      HttpClient h2 = client(vertx, hub.port(), HttpVersion.HTTP_2);
      Promise<SseParser.ParsedEvent> neighbourFirst = Promise.promise();
      Promise<Throwable> slowEnded = Promise.promise();
      return h2.request(HttpMethod.GET, "/sse?topics=slow").compose(request -> request.send())
          .compose(slow -> {
            slow.pause(); // reads nothing more: the stream's flow-control window fills, then the server's queue
            slow.exceptionHandler(slowEnded::tryComplete);
            return open(h2, "/sse?topics=neighbour", neighbourFirst).map(neighbour -> slow);
          })
          .compose(slow -> {
            long flood = vertx.setPeriodic(5, id -> hub.publisher().publish(Topic.of("slow"), payload));
            return slowEnded.future().onComplete(ended -> vertx.cancelTimer(flood));
          })
          .compose(ended -> {
            hub.publisher().publish(Topic.of("neighbour"), "still here");
            return neighbourFirst.future().map(event -> {
              test.verify(() -> {
                assertTrue(ended instanceof StreamResetException, "the slow stream is reset: " + ended);
                assertEquals("still here", event.data(), "the neighbour on the same connection goes on");
              });
              return event;
            });
          })
          .compose(event -> {
            // The hub's own HTTP client speaks cleartext; read its registry directly.
            test.verify(() -> {
              assertEquals(1L, hub.registry().slowClientsDropped());
              assertEquals(new JsonObject().put("neighbour", 1), hub.registry().subscriptions());
            });
            return h2.close();
          });
    }).onComplete(test.succeedingThenComplete());
  }

  @Test
  void http11OverTlsStillWorks(Vertx vertx, VertxTestContext test) {
    TestHub.start(vertx, tlsConfig())
        .compose(hub -> client(vertx, hub.port(), HttpVersion.HTTP_1_1).request(HttpMethod.GET, "/health/live")
            .compose(request -> request.send())
            .compose(response -> response.body().map(body -> {
              test.verify(() -> {
                assertEquals(HttpVersion.HTTP_1_1, response.version());
                assertEquals(200, response.statusCode());
                assertTrue(body.toString().contains("\"UP\""), body.toString());
              });
              return body;
            })))
        .onComplete(test.succeedingThenComplete());
  }

  /** One HTTP/2 connection carries many streams: a publish body that stalls is answered 408 on its own stream. */
  @Test
  void aStalledPublishBodyOverHttp2Gets408(Vertx vertx, VertxTestContext test) {
    JsonObject config = tlsConfig();
    config.getJsonObject("http").put("requestBodyTimeoutSeconds", 1);
    TestHub.start(vertx, config).compose(hub -> {
      HttpClient h2 = client(vertx, hub.port(), HttpVersion.HTTP_2);
      return h2.request(HttpMethod.POST, "/publish").compose(request -> {
        request.putHeader("Content-Type", "application/x-www-form-urlencoded").putHeader("Content-Length", "100");
        request.write("topic=a&da");
        return request.response();
      }).compose(response -> response.body().map(body -> {
        test.verify(() -> {
          assertEquals(HttpVersion.HTTP_2, response.version());
          assertEquals(408, response.statusCode());
          assertEquals("Request body not complete within 1 s (http.requestBodyTimeoutSeconds)\n", body.toString());
          assertEquals(0L, hub.publisher().counts().total());
        });
        return body;
      })).eventually(h2::close);
    }).onComplete(test.succeedingThenComplete());
  }
}
