package io.ssehub.http;

import io.ssehub.auth.AccessDenied;
import io.ssehub.auth.AccessPolicy;
import io.ssehub.auth.Grants;
import io.ssehub.event.Topic;
import io.ssehub.metrics.HubMetrics;
import io.ssehub.text.SafeText;
import io.ssehub.web.BearerToken;
import io.ssehub.web.ClientError;
import io.ssehub.web.QueryParams;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The HTTP side of {@link AccessPolicy}: finds the token in a request and turns a refusal into its answer. Subscribers
 * bring a token in the {@code Authorization: Bearer} header, else in a cookie, else in the {@code access_token}
 * parameter (the least safe: URLs end up in logs; this hub redacts it wherever it writes one); publishers in the
 * header only. No token where one is needed, or a token that does not verify: 401 with {@code WWW-Authenticate:
 * Bearer}. A valid token without the topic: 403 naming the topic. Every check happens before anything is subscribed
 * or read.
 */
public final class AccessControl {

  static final String ACCESS_TOKEN_PARAM = "access_token";
  private static final String GRANTS = "ssehub.grants";
  private static final Logger LOG = LoggerFactory.getLogger(AccessControl.class);

  private final AccessPolicy policy;
  private final String cookieName;
  private final HubMetrics metrics;

  /** @param cookieName {@code auth.cookieName}, where a browser subscriber may carry its token */
  public AccessControl(AccessPolicy policy, String cookieName, HubMetrics metrics) {
    this.policy = policy;
    this.cookieName = cookieName;
    this.metrics = metrics;
  }

  /**
   * Checks a subscription to {@code topics}; completes with its token's grants (null for an anonymous subscriber),
   * or fails with the {@link ClientError} to answer.
   */
  public Future<Grants> authorizeSubscribe(RoutingContext ctx, List<Topic> topics) {
    return policy.authorizeSubscribe(subscriberToken(ctx), topics)
        .recover(failure -> Future.failedFuture(refusal(ctx, failure, false)));
  }

  /** For {@code /publish}, before the body is read: a valid bearer token, whose grants the route keeps. */
  void authenticatePublisher(RoutingContext ctx) {
    if (!policy.publishRequired()) {
      ctx.next();
      return;
    }
    policy.authenticatePublisher(BearerToken.of(ctx)).onComplete(result -> {
      if (result.failed()) {
        ctx.fail(refusal(ctx, result.cause(), true));
      } else {
        ctx.put(GRANTS, result.result());
        ctx.next();
      }
    });
  }

  /** After the publish request is read: the token must allow every topic. */
  void checkPublish(RoutingContext ctx, List<Topic> topics) {
    Grants grants = ctx.get(GRANTS);
    try {
      policy.authorizePublish(grants, topics);
    } catch (AccessDenied denied) {
      throw answer(ctx, denied, true);
    }
  }

  /** The answer to a refusal by the policy; other failures pass unchanged. */
  private Throwable refusal(RoutingContext ctx, Throwable failure, boolean publishing) {
    return failure instanceof AccessDenied denied ? answer(ctx, denied, publishing) : failure;
  }

  private ClientError answer(RoutingContext ctx, AccessDenied denied, boolean publishing) {
    return switch (denied.kind()) {
      case NO_TOKEN -> unauthorized(ctx, null, "Authorization required: "
          + (publishing ? "send Authorization: Bearer <token>" : howToSendSubscriberToken()));
      case NOT_PUBLIC -> unauthorized(ctx, null, "Topic " + SafeText.quote(denied.topic().name()) + " is not public: "
          + howToSendSubscriberToken());
      case INVALID_TOKEN -> {
        LOG.warn("Rejected a token from {} on {}: {}", ctx.request().remoteAddress(), ctx.request().path(),
            denied.getMessage());
        metrics.authFailure("invalid");
        yield unauthorized(ctx, "invalid_token", "Invalid token: " + denied.getMessage());
      }
      case FORBIDDEN -> {
        metrics.authFailure("forbidden");
        yield new ClientError(403, "The token does not allow " + (publishing ? "publishing to" : "subscribing to")
            + " topic "
            + SafeText.quote(denied.topic().name()));
      }
    };
  }

  private String subscriberToken(RoutingContext ctx) {
    String token = BearerToken.of(ctx);
    if (token != null) {
      return token;
    }
    Cookie cookie = ctx.request().getCookie(cookieName);
    if (cookie != null && !cookie.getValue().isEmpty()) {
      return cookie.getValue();
    }
    List<String> param = QueryParams.all(ctx, ACCESS_TOKEN_PARAM);
    return param.isEmpty() || param.get(0).isEmpty() ? null : param.get(0);
  }


  private String howToSendSubscriberToken() {
    return "send a bearer token in the Authorization header, the " + cookieName + " cookie or the "
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
