package io.ssehub.publish;

/**
 * A publish the hub refuses, with an HTTP-like status (400 invalid, 409 duplicate id, 413 too large, 415 wrong
 * content type) and a plain message naming the field and the rule. The HTTP API answers with them; the event-bus API
 * fails the message with them.
 */
public final class PublishException extends RuntimeException {

  private final int status;

  public PublishException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
