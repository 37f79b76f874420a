package io.ssehub.mercure;

import io.ssehub.config.MercureConfig;
import io.ssehub.config.PublishConfig;
import io.ssehub.event.StreamProtocol;
import io.ssehub.event.Topic;
import io.ssehub.metrics.HubMetrics;
import io.ssehub.publish.PublishRequest;
import io.ssehub.sse.StreamRequest;
import io.ssehub.text.SafeText;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * The Mercure protocol, for the HTTP route at {@value #PATH}: what a subscription asks for and may receive, and
 * what a publisher may publish. Shared by every event loop (thread-safe); the route does the HTTP around it.
 */
public final class MercureProtocol {

  /** The hub URL's path, where Mercure clients find the hub. */
  public static final String PATH = MercurePublication.NAMESPACE;

  private final MercureConfig config;
  private final PublishConfig limits;
  private final Selectors selectors;
  private final MercureAuth auth;

  public MercureProtocol(Vertx vertx, MercureConfig config, PublishConfig limits, HubMetrics metrics) {
    this.config = config;
    this.limits = limits;
    this.selectors = new Selectors(config.maxSelectorLength(), config.patternCacheSize());
    this.auth = new MercureAuth(vertx, config, selectors, metrics);
  }

  /** A subscription to open, and when its token expires (epoch ms; 0 for never). */
  public record Subscription(StreamRequest request, long expiresAtMillis) {
  }

  /**
   * Validates and authorizes a subscription request. Anonymous subscribers (when {@code mercure.anonymous} allows
   * them) receive public updates only; a token's {@code subscribe} grants decide which private ones a subscriber
   * receives, live and in replay.
   *
   * @return fails with the {@link io.ssehub.web.ClientError} to answer
   */
  public Future<Subscription> subscribe(RoutingContext ctx) {
    String origin = origin(ctx);
    MercureSubscription subscription = MercureSubscription.parse(ctx, selectors, config.maxSelectors(), origin);
    return auth.subscriber(ctx, origin).map(grants -> new Subscription(
        new StreamRequest(subscription.topics(), subscription.patterns(), subscription.lastEventId(), false,
            grants == null ? null : grants.subscribe(), StreamProtocol.MERCURE),
        grants == null ? 0 : grants.expiresAtMillis()));
  }

  /** Checks a publisher's token before its body is read; fails with the error to answer. */
  public Future<MercureGrants> authenticatePublisher(RoutingContext ctx) {
    return auth.publisher(ctx, origin(ctx));
  }

  /**
   * Reads an update from its form body and checks that the publisher's grants allow every one of its topics.
   *
   * @throws io.ssehub.publish.PublishException 400 or 413 for an invalid update
   * @throws io.ssehub.web.ClientError          403 when a topic is not allowed
   */
  public PublishRequest publication(RoutingContext ctx, MercureGrants grants, byte[] body) {
    PublishRequest request = MercurePublication.fromForm(body, limits);
    for (Topic topic : request.topics()) {
      if (!grants.publish().matches(topic)) {
        throw auth.insufficientScope(ctx, "The token does not allow publishing to topic "
            + SafeText.quote(topic.name()));
      }
    }
    return request;
  }

  /** The hub's origin as the client reached it, against which relative topics and URL patterns are resolved. */
  private static String origin(RoutingContext ctx) {
    String host = ctx.request().getHeader(HttpHeaders.HOST);
    if (host == null && ctx.request().authority() != null) {
      host = ctx.request().authority().toString();
    }
    return ctx.request().scheme() + "://" + (host == null ? "localhost" : host);
  }
}
