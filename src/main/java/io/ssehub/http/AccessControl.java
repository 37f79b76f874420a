package io.ssehub.http;

import io.ssehub.web.QueryParams;
import io.ssehub.web.ClientError;
import io.ssehub.auth.Grants;
import io.ssehub.auth.InvalidToken;
import io.ssehub.auth.TokenVerifier;
import io.ssehub.config.AuthConfig;
import io.ssehub.event.Topic;
import io.ssehub.metrics.HubMetrics;
import io.ssehub.text.SafeText;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Who may subscribe and publish ({@code auth.*}). Subscribers bring a token in the {@code Authorization: Bearer}
 * header, else in a cookie, else in the {@code access_token} parameter (the least safe: URLs end up in logs; this
 * hub never logs query strings); publishers in the header only. No token where one is needed, or a token that does
 * not verify: 401 with {@code WWW-Authenticate: Bearer}. A valid token without the topic: 403 naming the topic. Every
 * check happens before anything is subscribed or read.
 */
public final class AccessControl {

  static final String ACCESS_TOKEN_PARAM = "access_token";
  private static final String GRANTS = "ssehub.grants";
  private static final Logger LOG = LoggerFactory.getLogger(AccessControl.class);

  private final AuthConfig config;
  private final TokenVerifier verifier;
  private final HubMetrics metrics;

  private AccessControl(AuthConfig config, TokenVerifier verifier, HubMetrics metrics) {
    this.config = config;
    this.verifier = verifier;
    this.metrics = metrics;
  }

  public static AccessControl create(Vertx vertx, AuthConfig config, HubMetrics metrics) {
    boolean needed = config.publishRequired() || config.subscribeChecked();
    return new AccessControl(config, needed ? TokenVerifier.create(vertx, config) : null, metrics);
  }

  /**
   * Checks a subscription to {@code topics}; completes with the moment its token expires (epoch ms; 0 for never),
   * or fails with the {@link ClientError} to answer.
   */
  public Future<Long> authorizeSubscribe(RoutingContext ctx, List<Topic> topics) {
    if (!config.subscribeChecked()) {
      return Future.succeededFuture(0L);
    }
    String token = subscriberToken(ctx);
    if (token == null) {
      if (config.subscribe().equals(AuthConfig.OPTIONAL)) {
        for (Topic topic : topics) {
          if (!config.publicTopics().contains(topic)) {
            return Future.failedFuture(unauthorized(ctx, null, "Topic " + SafeText.quote(topic.name())
                + " is not public: " + howToSendSubscriberToken()));
          }
        }
        return Future.succeededFuture(0L);
      }
      return Future.failedFuture(unauthorized(ctx, null, "Authorization required: " + howToSendSubscriberToken()));
    }
    return verify(ctx, token).compose(grants -> {
      for (Topic topic : topics) {
        if (!grants.maySubscribe(topic) && !isPublicForOptional(topic)) {
          metrics.authFailure("forbidden");
          return Future.failedFuture(new ClientError(403, "The token does not allow subscribing to topic "
              + SafeText.quote(topic.name())));
        }
      }
      return Future.succeededFuture(grants.expiresAtMillis());
    });
  }

  private boolean isPublicForOptional(Topic topic) {
    return config.subscribe().equals(AuthConfig.OPTIONAL) && config.publicTopics().contains(topic);
  }

  /** For {@code /publish}, before the body is read: a valid bearer token, whose grants the route keeps. */
  void authenticatePublisher(RoutingContext ctx) {
    if (!config.publishRequired()) {
      ctx.next();
      return;
    }
    String token = bearer(ctx);
    if (token == null) {
      ctx.fail(unauthorized(ctx, null, "Authorization required: send Authorization: Bearer <token>"));
      return;
    }
    verify(ctx, token).onComplete(result -> {
      if (result.failed()) {
        ctx.fail(result.cause());
      } else {
        ctx.put(GRANTS, result.result());
        ctx.next();
      }
    });
  }

  /** After the publish request is read: the token must allow every topic. */
  void checkPublish(RoutingContext ctx, List<Topic> topics) {
    if (!config.publishRequired()) {
      return;
    }
    Grants grants = ctx.get(GRANTS);
    for (Topic topic : topics) {
      if (!grants.mayPublish(topic)) {
        metrics.authFailure("forbidden");
        throw new ClientError(403, "The token does not allow publishing to topic " + SafeText.quote(topic.name()));
      }
    }
  }

  private Future<Grants> verify(RoutingContext ctx, String token) {
    return verifier.verify(token).recover(failure -> {
      String reason = failure instanceof InvalidToken ? failure.getMessage() : "it cannot be verified";
      LOG.warn("Rejected a token from {} on {}: {}", ctx.request().remoteAddress(), ctx.request().path(), reason);
      metrics.authFailure("invalid");
      return Future.failedFuture(unauthorized(ctx, "invalid_token", "Invalid token: " + reason));
    });
  }

  private String subscriberToken(RoutingContext ctx) {
    String token = bearer(ctx);
    if (token != null) {
      return token;
    }
    Cookie cookie = ctx.request().getCookie(config.cookieName());
    if (cookie != null && !cookie.getValue().isEmpty()) {
      return cookie.getValue();
    }
    List<String> param = QueryParams.all(ctx, ACCESS_TOKEN_PARAM);
    return param.isEmpty() || param.get(0).isEmpty() ? null : param.get(0);
  }

  private static String bearer(RoutingContext ctx) {
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = header.substring(7).strip();
    return token.isEmpty() ? null : token;
  }

  private String howToSendSubscriberToken() {
    return "send a bearer token in the Authorization header, the " + config.cookieName() + " cookie or the "
        + ACCESS_TOKEN_PARAM + " parameter";
  }

  private ClientError unauthorized(RoutingContext ctx, String error, String message) {
    if (error == null) {
      metrics.authFailure("missing");
    }
    ctx.response().putHeader("WWW-Authenticate",
        "Bearer realm=\"ssehub\"" + (error == null ? "" : ", error=\"" + error + "\""));
    return new ClientError(401, message);
  }
}
