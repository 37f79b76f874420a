package io.ssehub.mercure;

import io.ssehub.auth.InvalidToken;
import io.ssehub.auth.TokenVerifier;
import io.ssehub.config.AuthConfig;
import io.ssehub.config.MercureConfig;
import io.ssehub.metrics.HubMetrics;
import io.ssehub.text.SafeText;
import io.ssehub.web.BearerToken;
import io.ssehub.web.ClientError;
import io.ssehub.web.QueryParams;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.List;

/**
 * Mercure's authorization at the HTTP edge: where the token is, whose keys verify it, and the answers of RFC 6750.
 * Publishers bring theirs in {@code Authorization: Bearer}, or in a cookie from a page of
 * {@code mercure.publishOrigins} (the CSRF rule); subscribers in the header, else a cookie of
 * {@code mercure.cookieNames}, else, when {@code mercure.authorizationParam} is on, the 0.x {@code authorization}
 * parameter. The header wins, and a cookie is then ignored. No token where one is needed: 401 with
 * {@code WWW-Authenticate: Bearer}; a token that does not verify: 401 with {@code error="invalid_token"}; a valid
 * token without the grant: 403 with {@code error="insufficient_scope"}.
 */
final class MercureAuth {

  static final String AUTHORIZATION_PARAM = "authorization";
  private static final Logger LOG = LoggerFactory.getLogger(MercureAuth.class);

  private final MercureConfig config;
  private final TokenVerifier publishers;
  private final TokenVerifier subscribers;
  private final Selectors selectors;
  private final HubOrigin origins;
  private final HubMetrics metrics;

  MercureAuth(Vertx vertx, MercureConfig config, Selectors selectors, HubOrigin origins, HubMetrics metrics) {
    this.config = config;
    this.publishers = TokenVerifier.create(vertx, config.publisherKeys());
    AuthKeys subscriberKeys = AuthKeys.of(config.subscriberKeys());
    this.subscribers = subscriberKeys.isEmpty() ? null
        : subscriberKeys.equals(AuthKeys.of(config.publisherKeys())) ? publishers
        : TokenVerifier.create(vertx, config.subscriberKeys());
    this.selectors = selectors;
    this.origins = origins;
    this.metrics = metrics;
  }

  /** The keys a verifier is built from, to share one verifier when both roles use the same. */
  private record AuthKeys(String secret, String pem) {
    static AuthKeys of(AuthConfig config) {
      return new AuthKeys(config.hs256Secret(), config.publicKeyPem());
    }

    boolean isEmpty() {
      return secret == null && pem == null;
    }
  }

  /**
   * A subscriber's grants, or null for an anonymous one (who receives public updates only); fails with the
   * {@link ClientError} to answer.
   */
  Future<MercureGrants> subscriber(RoutingContext ctx, String origin) {
    String token = subscriberToken(ctx);
    if (token == null) {
      if (config.anonymous()) {
        return Future.succeededFuture(null);
      }
      return Future.failedFuture(unauthorized(ctx, null, "Authorization required: send a bearer token in the"
          + " Authorization header or the " + config.cookieNames().get(0) + " cookie"));
    }
    if (subscribers == null) {
      return Future.failedFuture(unauthorized(ctx, "invalid_token", "Invalid token: this hub has no key to verify"
          + " subscribers' tokens"));
    }
    return grants(ctx, subscribers, token, origin);
  }

  /** A publisher's grants; fails with the {@link ClientError} to answer. */
  Future<MercureGrants> publisher(RoutingContext ctx, String origin) {
    String token = BearerToken.of(ctx);
    if (token == null) {
      String cookie = cookie(ctx);
      if (cookie != null) {
        checkCookieOrigin(ctx);
        token = cookie;
      }
    }
    if (token == null) {
      return Future.failedFuture(unauthorized(ctx, null, "Authorization required: send Authorization: Bearer"
          + " <token> with a publish grant"));
    }
    return grants(ctx, publishers, token, origin);
  }

  /** The 403 for a valid token that does not allow what was asked. */
  ClientError insufficientScope(RoutingContext ctx, String message) {
    metrics.authFailure("forbidden");
    ctx.response().putHeader("WWW-Authenticate", challenge(ctx, "insufficient_scope"));
    return new ClientError(403, message);
  }

  private Future<MercureGrants> grants(RoutingContext ctx, TokenVerifier verifier, String token, String origin) {
    return verifier.claims(token)
        .map(claims -> MercureGrants.fromClaims(claims, selectors, config.maxSelectors(), origin))
        .recover(failure -> {
          String reason = failure instanceof InvalidToken ? failure.getMessage() : "it cannot be verified";
          LOG.warn("Rejected a Mercure token from {}: {}", ctx.request().remoteAddress(), reason);
          return Future.failedFuture(unauthorized(ctx, "invalid_token", "Invalid token: " + reason));
        });
  }

  /**
   * Cookie-borne publishing only from a listed page: a foreign page could otherwise publish with a visitor's
   * cookie. The page's origin comes from {@code Origin}, else {@code Referer}; with neither, the request is refused.
   */
  private void checkCookieOrigin(RoutingContext ctx) {
    String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
    if (origin == null) {
      origin = refererOrigin(ctx.request().getHeader(HttpHeaders.REFERER));
    }
    if (origin == null || !config.publishOrigins().contains(origin)) {
      metrics.authFailure("forbidden");
      throw new ClientError(403, "Publishing with a cookie is allowed only from the pages of mercure.publishOrigins;"
          + (origin == null ? " this request names no Origin or Referer" : " " + SafeText.quote(origin)
          + " is not one of them") + "; send the token in the Authorization header instead");
    }
  }

  private static String refererOrigin(String referer) {
    if (referer == null) {
      return null;
    }
    try {
      URI uri = URI.create(referer);
      if (uri.getScheme() == null || uri.getRawAuthority() == null) {
        return null;
      }
      return uri.getScheme() + "://" + uri.getRawAuthority();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private String subscriberToken(RoutingContext ctx) {
    List<String> param = QueryParams.all(ctx, AUTHORIZATION_PARAM);
    if (!param.isEmpty() && !config.authorizationParam()) {
      throw new ClientError(400, "Parameter '" + AUTHORIZATION_PARAM + "' is not accepted: tokens in URLs end up"
          + " in logs; send the token in the Authorization header or a cookie, or turn on"
          + " mercure.authorizationParam");
    }
    String token = BearerToken.of(ctx);
    if (token != null) {
      return token;
    }
    token = cookie(ctx);
    if (token != null) {
      return token;
    }
    return param.isEmpty() || param.get(0).isEmpty() ? null : param.get(0);
  }

  private String cookie(RoutingContext ctx) {
    for (String name : config.cookieNames()) {
      Cookie cookie = ctx.request().getCookie(name);
      if (cookie != null && !cookie.getValue().isEmpty()) {
        return cookie.getValue();
      }
    }
    return null;
  }


  ClientError unauthorized(RoutingContext ctx, String error, String message) {
    metrics.authFailure(error == null ? "missing" : "invalid");
    ctx.response().putHeader("WWW-Authenticate", challenge(ctx, error));
    return new ClientError(401, message);
  }

  /** RFC 6750's challenge, with where the hub's metadata is (RFC 9728), as the Mercure spec recommends. */
  private String challenge(RoutingContext ctx, String error) {
    return "Bearer realm=\"ssehub\"" + (error == null ? "" : ", error=\"" + error + "\"") + ", resource_metadata=\""
        + origins.metadataUrl(ctx) + "\"";
  }
}
