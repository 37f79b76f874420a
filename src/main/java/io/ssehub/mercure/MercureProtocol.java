package io.ssehub.mercure;

import io.ssehub.config.MercureConfig;
import io.ssehub.config.PublishConfig;
import io.ssehub.event.EventIds;
import io.ssehub.event.StreamProtocol;
import io.ssehub.event.Topic;
import io.ssehub.metrics.HubMetrics;
import io.ssehub.publish.PublishRequest;
import io.ssehub.publish.Publisher;
import io.ssehub.sse.StreamRequest;
import io.ssehub.text.SafeText;
import io.ssehub.web.ClientError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

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
  private final HubOrigin origins;
  private final Publisher publisher;
  /** Null while {@code mercure.subscriptions} is off. */
  private final ActiveSubscriptions subscriptions;

  public MercureProtocol(Vertx vertx, MercureConfig config, PublishConfig limits, Publisher publisher,
                         HubMetrics metrics) {
    this.config = config;
    this.limits = limits;
    this.publisher = publisher;
    this.selectors = new Selectors(config.maxSelectorLength(), config.patternCacheSize());
    this.origins = new HubOrigin(config.hubUrl());
    this.auth = new MercureAuth(vertx, config, selectors, origins, metrics);
    this.subscriptions = config.subscriptions() ? new ActiveSubscriptions(publisher) : null;
  }

  /**
   * A subscription to open, and when its token expires (epoch ms; 0 for never).
   *
   * @param subscriber its subscriber id, unique per connection ({@code urn:uuid:...}), which the client cannot choose
   */
  public record Subscription(StreamRequest request, long expiresAtMillis, String subscriber,
                             List<MercureSubscription.Selector> selectors, MercureGrants grants) {
  }

  /**
   * Validates and authorizes a subscription request. Anonymous subscribers (when {@code mercure.anonymous} allows
   * them) receive public updates only; a token's {@code subscribe} grants decide which private ones a subscriber
   * receives, live and in replay.
   *
   * @return fails with the {@link io.ssehub.web.ClientError} to answer
   */
  public Future<Subscription> subscribe(RoutingContext ctx) {
    String origin = origins.of(ctx);
    MercureSubscription subscription = MercureSubscription.parse(ctx, selectors, config.maxSelectors(), origin);
    return auth.subscriber(ctx, origin).map(grants -> new Subscription(
        new StreamRequest(subscription.topics(), subscription.patterns(), subscription.lastEventId(), false,
            grants == null ? null : grants.subscribe(), StreamProtocol.MERCURE),
        grants == null ? 0 : grants.expiresAtMillis(), "urn:uuid:" + UUID.randomUUID(), subscription.selectors(),
        grants));
  }

  /**
   * A subscription's stream is open (and {@code closed} completes when it closes): with {@code mercure.subscriptions}
   * on, its subscription events are published, active, and inactive once it closes.
   */
  public void opened(Subscription subscription, Future<Void> closed) {
    if (subscriptions != null) {
      subscriptions.opened(subscription.subscriber(), subscription.selectors(), subscription.grants());
      closed.onComplete(done -> subscriptions.closed(subscription.subscriber()));
    }
  }

  /**
   * The hub's OAuth 2.0 protected resource metadata (RFC 9728), as the Mercure spec lists it: what the hub is (the
   * tokens' audience), which grants, token transports, cookie and matchers it understands, and whether it serves
   * active subscriptions. Tokens are self-issued here, so no authorization server is named.
   */
  public JsonObject metadata(RoutingContext ctx) {
    String audience = config.publisherKeys().audience();
    return new JsonObject()
        .put("resource", audience != null ? audience : origins.hubUrl(ctx))
        .put("authorization_details_types_supported", new JsonArray().add(MercureGrants.DETAIL_TYPE))
        .put("bearer_methods_supported", new JsonArray().add("header"))
        .put("mercure_cookie", config.cookieNames().get(0))
        .put("mercure_matcher_types_supported", new JsonArray().add("exact").add("urlpattern"))
        .put("mercure_subscriptions", subscriptions != null);
  }

  /** Where the metadata is served: the well-known path for the hub URL's path. */
  public static String metadataPath() {
    return HubOrigin.METADATA_PATH;
  }

  /** Whether the subscriptions API is served ({@code mercure.subscriptions}). */
  public boolean servesSubscriptions() {
    return subscriptions != null;
  }

  /**
   * {@code GET /.well-known/mercure/subscriptions[/{match_type}[/{match}[/{subscriber}]]]}: this node's open
   * subscriptions, for a token that grants {@code subscribe} on the request's path. Completes with the JSON document,
   * having set the {@code Link} header that carries the cursor to subscribe from; fails with the error to answer.
   */
  public Future<JsonObject> subscriptionsApi(RoutingContext ctx) {
    String origin = origins.of(ctx);
    String path = ctx.request().path();
    // The cursor first: an event published after it may already be in the list, none before it can be missing.
    String lastId = publisher.lastId();
    return auth.subscriber(ctx, origin).map(grants -> {
      if (grants == null) {
        throw auth.unauthorized(ctx, null, "Authorization required: the subscriptions API needs a token that grants"
            + " subscribe on " + SafeText.quote(path));
      }
      if (Topic.problem(path) != null || !grants.subscribe().matches(Topic.of(path))) {
        throw auth.insufficientScope(ctx, "The token does not allow subscribing to " + SafeText.quote(path));
      }
      ctx.response().putHeader("Link", "<" + origins.hubUrl(ctx) + ">; rel=\"mercure\"; last-event-id=\""
          + (lastId == null ? EventIds.EARLIEST : lastId) + "\"; type=\"mercure\"; content-type=\"application/json\"");
      return answer(path);
    });
  }

  private JsonObject answer(String path) {
    String[] parts = path.substring(Math.min(path.length(), ActiveSubscriptions.PREFIX.length())).split("/", -1);
    // parts[0] is "" (the path's rest starts with a slash) or the whole rest is empty.
    String matchType = parts.length > 1 ? decode(parts[1]) : null;
    String match = parts.length > 2 ? decode(parts[2]) : null;
    if (parts.length > 4 || parts.length > 1 && (matchType.isEmpty() || match != null && match.isEmpty())) {
      throw new ClientError(404, "No such subscription resource: " + SafeText.quoteLatin1Bytes(path));
    }
    if (parts.length == 4) {
      JsonObject one = subscriptions.one(matchType, match, decode(parts[3]));
      if (one == null) {
        throw new ClientError(404, "No open subscription at " + SafeText.quoteLatin1Bytes(path) + " on this node");
      }
      return one;
    }
    return subscriptions.collection(path, matchType, match);
  }

  /** A path segment percent-decoded once (as UTF-8); a malformed one is a 404. */
  private static String decode(String segment) {
    try {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ClientError(404, "No such subscription resource: " + SafeText.quoteLatin1Bytes(segment));
    }
  }

  /** Checks a publisher's token before its body is read; fails with the error to answer. */
  public Future<MercureGrants> authenticatePublisher(RoutingContext ctx) {
    return auth.publisher(ctx, origins.of(ctx));
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

}
