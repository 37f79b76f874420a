package io.ssehub.http;

import io.ssehub.config.HttpConfig;
import io.ssehub.config.ServerConfig;
import io.ssehub.event.Topic;
import io.ssehub.event.TopicMatcher;
import io.ssehub.history.Replay;
import io.ssehub.publish.Publisher;
import io.ssehub.sse.ReplaySource;
import io.ssehub.sse.SseStreams;
import io.ssehub.web.AllowedMethods;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP front: {@code /sse}, {@code /publish}, {@code /stats}, {@code /health}, {@code /metrics} and the static
 * page, behind the (optional) access-log, Host and CORS handlers that every route shares; request timeouts and the
 * version check sit below the router, in each connection's pipeline ({@link ConnectionPipeline}). No timeout handler
 * sits in front of {@code /sse}: streams are long by design, and idle connections are closed by the server's idle
 * timeout instead.
 */
public final class HttpVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);

  private final ServerConfig config;
  private final int listenPort;
  private final HttpServices services;
  private SseStreams streams;
  private HttpServer server;

  /**
   * @param listenPort the port to bind: the configured one, or a negative one that vert.x shares among instances
   *                   as one random port
   */
  public HttpVerticle(ServerConfig config, int listenPort, HttpServices services) {
    this.config = config;
    this.listenPort = listenPort;
    this.services = services;
  }

  @Override
  public Future<?> start() {
    streams = new SseStreams(vertx, config.sse(), services.registry(), replaySource(services.publisher()),
        services.clock(), services.metrics());
    streams.startHeartbeats(vertx);
    HttpConfig http = config.http();
    return vertx.createHttpServer(serverOptions(http))
        .connectionHandler(connection -> ConnectionPipeline.extend(connection, http, services.metrics()))
        .invalidRequestHandler(new MalformedRequestHandler(http, services.metrics()))
        .requestHandler(router())
        .listen()
        .onSuccess(listening -> server = listening)
        .recover(failure -> Future.failedFuture(
            "cannot listen on " + http.host() + ":" + http.port() + ": " + failure.getMessage()));
  }

  /** The routes, behind the handlers every route shares, and the error handler that answers every failure. */
  private Router router() {
    HttpConfig http = config.http();
    Router router = Router.router(vertx);
    if (http.accessLog()) {
      router.route().handler(new AccessLog());
    }
    router.route().handler(new HostCheck(http.allowedHosts(), http.host()));
    router.route().handler(new CorsPolicy(http.corsAllowedOrigins()));
    router.route("/sse").handler(AllowedMethods.only(HttpMethod.GET))
        .handler(new SseRoute(streams, services.accessControl(), config.sse().maxTopicsPerConnection(),
            config.sse().retryMillis()));
    PublishHandler publishing = new PublishHandler(services.publisher(), config.publish(), services.publishLimiter(),
        services.accessControl(), http.requestBodyTimeoutSeconds());
    publishing.mount(router, "/publish");
    if (services.mercure() != null) {
      new MercureRoute(services.mercure(), streams, publishing).mount(router);
    }
    router.route("/stats").handler(AllowedMethods.only(HttpMethod.GET))
        .handler(new StatsHandler(services.registry(), services.publisher(), services.cluster()));
    HealthHandler.mount(router, services.healthChecks());
    if (config.metrics().enabled()) {
      router.route("/metrics").handler(AllowedMethods.only(HttpMethod.GET))
          .handler(PrometheusScrapingHandler.create(services.metrics().registry()));
    }
    router.route().method(HttpMethod.GET).method(HttpMethod.HEAD).handler(staticHandler(http));
    router.route().handler(ctx -> ctx.fail(404));
    ErrorHandler errors = new ErrorHandler(services.metrics());
    router.route().failureHandler(errors);
    for (int status : new int[] {400, 404, 405, 500}) {
      router.errorHandler(status, errors.forStatus(status));
    }
    return router;
  }

  /** The streams' view of the publisher: replays, and whether events must also go to the address of every event. */
  private static ReplaySource replaySource(Publisher publisher) {
    return new ReplaySource() {
      @Override
      public Replay replay(List<Topic> topics, TopicMatcher patterns, String lastEventId) {
        return publisher.replay(topics, patterns, lastEventId);
      }

      @Override
      public void allEventsConsumers(int change) {
        publisher.allEventsConsumers(change);
      }
    };
  }

  private HttpServerOptions serverOptions(HttpConfig http) {
    HttpServerOptions options = new HttpServerOptions()
        .setHost(http.host())
        .setPort(listenPort)
        .setIdleTimeout(http.idleTimeoutSeconds())
        .setIdleTimeoutUnit(TimeUnit.SECONDS)
        .setMaxInitialLineLength(http.maxRequestLineBytes())
        .setMaxHeaderSize(http.maxHeaderBytes())
        .setCompressionSupported(false)
        // No WebSockets here: without WebSocket compression Vert.x leaves its extension handler out of every
        // connection's pipeline, which every write would otherwise pass through.
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false)
        .setHttp2ClearTextEnabled(http.h2c())
        // Every response is written from its connection's event loop, so writes can go straight to the channel
        // instead of through a per-connection cross-thread queue (less memory per connection, less work per write).
        .setStrictThreadMode(true);
    if (http.tls() != null) {
      // ALPN offers h2 and http/1.1; a client that knows only HTTP/1.1 still gets it.
      options.setSsl(true)
          .setKeyCertOptions(new PemKeyCertOptions().setCertPath(http.tls().certPath())
              .setKeyPath(http.tls().keyPath()))
          .setUseAlpn(http.http2());
    }
    return options;
  }

  @Override
  public Future<?> stop() {
    services.readiness().stopping();
    return streams.endAll(vertx, config.http().shutdownGraceSeconds() * 1000L)
        .onSuccess(ended -> LOG.info("Shutting down: ended {} open stream(s)", ended))
        .compose(ended -> server == null ? Future.succeededFuture() : server.close());
  }

  /** The port actually bound (the configured one, or the one picked for port 0). */
  public int actualPort() {
    return server.actualPort();
  }

  private static StaticHandler staticHandler(HttpConfig http) {
    Path root = Path.of(http.webroot());
    FileSystemAccess access = root.isAbsolute() ? FileSystemAccess.ROOT : FileSystemAccess.RELATIVE;
    return StaticHandler.create(access, http.webroot()).setCachingEnabled(false);
  }
}
