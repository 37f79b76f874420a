package io.ssehub.http;

import io.ssehub.mercure.MercureProtocol;
import io.ssehub.publish.Publisher;
import io.ssehub.sse.SseStreams;
import io.ssehub.text.SafeText;
import io.ssehub.web.AllowedMethods;
import io.ssehub.web.ClientError;
import io.ssehub.web.Hangup;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The Mercure hub URL, {@value MercureProtocol#PATH}: {@code GET} subscribes (a stream of this loop's
 * {@link SseStreams}, as {@code /sse} opens), {@code POST} publishes a form through the one {@link Publisher}. The
 * protocol's rules are {@link MercureProtocol}'s; this route does the HTTP: shutdown, limits, the body.
 */
final class MercureRoute {

  private static final String GRANTS = "ssehub.mercureGrants";

  private final MercureProtocol protocol;
  private final SseStreams streams;
  private final PublishHandler publishing;

  /** @param publishing the publish route, whose rate limit and body reading this one shares */
  MercureRoute(MercureProtocol protocol, SseStreams streams, PublishHandler publishing) {
    this.protocol = protocol;
    this.streams = streams;
    this.publishing = publishing;
  }

  void mount(Router router) {
    router.route(MercureProtocol.PATH).handler(AllowedMethods.only(HttpMethod.GET, HttpMethod.POST))
        .handler(ctx -> {
          if (ctx.request().method() == HttpMethod.GET) {
            subscribe(ctx);
          } else {
            ctx.next();
          }
        })
        .handler(RequestBody::pause)
        .handler(publishing::limitRate)
        .handler(this::authenticatePublisher)
        .handler(this::publish);
    router.route(MercureProtocol.metadataPath()).handler(AllowedMethods.only(HttpMethod.GET))
        .handler(ctx -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
            .end(protocol.metadata(ctx).encode()));
    if (protocol.servesSubscriptions()) {
      String api = MercureProtocol.PATH + "/subscriptions";
      for (String path : new String[] {api, api + "/*"}) {
        router.route(path).handler(AllowedMethods.only(HttpMethod.GET)).handler(this::subscriptions);
      }
    }
  }

  /** The subscriptions API: this node's open subscriptions, as JSON. */
  private void subscriptions(RoutingContext ctx) {
    protocol.subscriptionsApi(ctx).onComplete(
        document -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
            .putHeader(HttpHeaders.CACHE_CONTROL, "must-revalidate").end(document.encode()),
        ctx::fail);
  }

  private void subscribe(RoutingContext ctx) {
    if (streams.stopping()) {
      Hangup.afterResponse(ctx);
      throw new ClientError(503, "The server is shutting down: reconnect shortly");
    }
    protocol.subscribe(ctx).onComplete(subscription -> {
      if (subscription.failed()) {
        ctx.fail(subscription.cause());
        return;
      }
      try {
        MercureProtocol.Subscription opened = subscription.result();
        protocol.opened(opened, streams.open(ctx, opened.request(), opened.expiresAtMillis()));
      } catch (RuntimeException e) {
        ctx.fail(e);
      }
    });
  }

  private void authenticatePublisher(RoutingContext ctx) {
    protocol.authenticatePublisher(ctx).onComplete(grants -> {
      if (grants.failed()) {
        ctx.fail(grants.cause());
        return;
      }
      ctx.put(GRANTS, grants.result());
      ctx.next();
    });
  }

  private void publish(RoutingContext ctx) {
    if (!PublishHandler.FORM.equals(PublishHandler.mediaType(ctx))) {
      throw new ClientError(415, "Unsupported Content-Type "
          + SafeText.quoteLatin1Bytes(String.valueOf(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE)))
          + ": a Mercure update is a form, " + PublishHandler.FORM);
    }
    publishing.submit(ctx, body -> protocol.publication(ctx, ctx.get(GRANTS), body.getBytes()));
  }
}
