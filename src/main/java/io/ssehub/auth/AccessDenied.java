package io.ssehub.auth;

import io.ssehub.event.Topic;

/**
 * Why {@link AccessPolicy} refuses a request, in terms the HTTP side maps to a status: no token where one is needed
 * (or a topic that is not public), a token that does not verify, or a valid token that does not allow a topic.
 *
 * @see #kind()
 */
public final class AccessDenied extends RuntimeException {

  /** The kinds of refusal. */
  public enum Kind {
    /** No token, and one is needed. */
    NO_TOKEN,
    /** No token, and a topic asked for is not among the public ones ({@link #topic()}). */
    NOT_PUBLIC,
    /** A token that does not verify; the message says why, in words safe to show. */
    INVALID_TOKEN,
    /** A valid token that does not allow a topic ({@link #topic()}). */
    FORBIDDEN
  }

  private final Kind kind;
  private final Topic topic;

  private AccessDenied(Kind kind, Topic topic, String reason) {
    super(reason, null, false, false);
    this.kind = kind;
    this.topic = topic;
  }

  static AccessDenied noToken() {
    return new AccessDenied(Kind.NO_TOKEN, null, "no token");
  }

  static AccessDenied notPublic(Topic topic) {
    return new AccessDenied(Kind.NOT_PUBLIC, topic, "topic is not public");
  }

  static AccessDenied invalidToken(String reason) {
    return new AccessDenied(Kind.INVALID_TOKEN, null, reason);
  }

  static AccessDenied forbidden(Topic topic) {
    return new AccessDenied(Kind.FORBIDDEN, topic, "the token does not allow the topic");
  }

  public Kind kind() {
    return kind;
  }

  /** The topic refused, for {@link Kind#NOT_PUBLIC} and {@link Kind#FORBIDDEN}; null otherwise. */
  public Topic topic() {
    return topic;
  }
}
