package io.ssehub.http;

import io.ssehub.mercure.MercureProtocol;
import io.ssehub.publish.PublishException;
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

import java.util.Locale;

/**
 * The Mercure hub URL, {@value MercureProtocol#PATH}: {@code GET} subscribes (a stream of this loop's
 * {@link SseStreams}, as {@code /sse} opens), {@code POST} publishes a form through the one {@link Publisher}. The
 * protocol's rules are {@link MercureProtocol}'s; this route does the HTTP: shutdown, limits, the body.
 */
final class MercureRoute {

  private static final String GRANTS = "ssehub.mercureGrants";

  private final MercureProtocol protocol;
  private final SseStreams streams;
  private final Publisher publisher;
  private final PublishHandler publishing;
  private final int bodyLimit;
  private final int bodyTimeoutSeconds;

  MercureRoute(MercureProtocol protocol, SseStreams streams, Publisher publisher, PublishHandler publishing,
               int bodyLimit, int bodyTimeoutSeconds) {
    this.protocol = protocol;
    this.streams = streams;
    this.publisher = publisher;
    this.publishing = publishing;
    this.bodyLimit = bodyLimit;
    this.bodyTimeoutSeconds = bodyTimeoutSeconds;
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
    String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    String mediaType = contentType == null ? null
        : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!PublishHandler.FORM.equals(mediaType)) {
      throw new ClientError(415, "Unsupported Content-Type " + SafeText.quoteLatin1Bytes(String.valueOf(contentType))
          + ": a Mercure update is a form, " + PublishHandler.FORM);
    }
    RequestBody.read(ctx, bodyLimit, "Request body larger than " + bodyLimit + " bytes (6 x publish.maxDataBytes + 64"
            + " KiB for the other fields and their encoding)", bodyTimeoutSeconds)
        .onFailure(ctx::fail)
        .onSuccess(body -> {
          try {
            publisher.submit(protocol.publication(ctx, ctx.get(GRANTS), body.getBytes())).onComplete(
                id -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8").end(id),
                failure -> ctx.fail(failure instanceof PublishException e
                    ? new ClientError(e.status(), e.getMessage()) : failure));
          } catch (PublishException e) {
            ctx.fail(new ClientError(e.status(), e.getMessage()));
          } catch (RuntimeException e) {
            ctx.fail(e);
          }
        });
  }
}
