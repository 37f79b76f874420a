package io.ssehub.auth;

import io.ssehub.config.AuthConfig;
import io.ssehub.config.AuthConfig.SubscribeMode;
import io.ssehub.event.Topic;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.List;

/**
 * Who may subscribe to and publish what ({@code auth.*}): the whole rule, with no HTTP in it. Given a token (or
 * none) and the topics of a request, it allows or refuses with an {@link AccessDenied} saying why; the HTTP side
 * finds the token in the request and maps the refusal to 401 or 403.
 *
 * <ul>
 *   <li>{@code auth.subscribe: off}: anyone subscribes to anything. {@code required}: a valid token whose
 *   {@code ssehub.subscribe} selectors allow every topic. {@code optional}: without a token, only
 *   {@code auth.publicTopics}; with one, the public topics plus those it allows.</li>
 *   <li>{@code auth.publish: off}: anyone publishes. {@code required}: a valid token, checked before the body is
 *   read, whose {@code ssehub.publish} selectors allow every topic, checked after.</li>
 * </ul>
 */
public final class AccessPolicy {

  private final AuthConfig config;
  private final TokenVerifier verifier;

  private AccessPolicy(AuthConfig config, TokenVerifier verifier) {
    this.config = config;
    this.verifier = verifier;
  }

  public static AccessPolicy create(Vertx vertx, AuthConfig config) {
    boolean needed = config.publishRequired() || config.subscribeChecked();
    return new AccessPolicy(config, needed ? TokenVerifier.create(vertx, config) : null);
  }

  /** Whether publishers need a token. */
  public boolean publishRequired() {
    return config.publishRequired();
  }

  /**
   * Decides a subscription to {@code topics} by the bearer of {@code token} (null for none).
   *
   * @return the token's grants (null without a token, or when subscribing is not checked: anonymous subscribers
   *         receive no private event); failed with {@link AccessDenied} when refused
   */
  public Future<Grants> authorizeSubscribe(String token, List<Topic> topics) {
    if (!config.subscribeChecked()) {
      return Future.succeededFuture(null);
    }
    if (token == null) {
      if (config.subscribe() != SubscribeMode.OPTIONAL) {
        return Future.failedFuture(AccessDenied.noToken());
      }
      for (Topic topic : topics) {
        if (!isPublic(topic)) {
          return Future.failedFuture(AccessDenied.notPublic(topic));
        }
      }
      return Future.succeededFuture(null);
    }
    return verify(token).compose(grants -> {
      for (Topic topic : topics) {
        if (!grants.maySubscribe(topic) && !isPublic(topic)) {
          return Future.failedFuture(AccessDenied.forbidden(topic));
        }
      }
      return Future.succeededFuture(grants);
    });
  }

  /**
   * Checks a publisher's token, before its request is read; null when publishing needs none.
   *
   * @return the token's grants, for {@link #authorizePublish}; failed with {@link AccessDenied} when refused
   */
  public Future<Grants> authenticatePublisher(String token) {
    if (!config.publishRequired()) {
      return Future.succeededFuture(null);
    }
    return token == null ? Future.failedFuture(AccessDenied.noToken()) : verify(token);
  }

  /**
   * Checks the topics of a publish against the grants {@link #authenticatePublisher} gave.
   *
   * @throws AccessDenied when a topic is not allowed
   */
  public void authorizePublish(Grants grants, List<Topic> topics) {
    if (!config.publishRequired()) {
      return;
    }
    for (Topic topic : topics) {
      if (!grants.mayPublish(topic)) {
        throw AccessDenied.forbidden(topic);
      }
    }
  }

  private boolean isPublic(Topic topic) {
    return config.subscribe() == SubscribeMode.OPTIONAL && config.publicTopics().contains(topic);
  }

  private Future<Grants> verify(String token) {
    return verifier.verify(token).recover(failure -> Future.failedFuture(AccessDenied.invalidToken(
        failure instanceof InvalidToken ? failure.getMessage() : "it cannot be verified")));
  }
}
