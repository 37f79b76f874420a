package io.ssehub.web;

/**
 * A request the server refuses, with the status to answer and a plain message for the client. Handlers throw it;
 * the router's failure handler turns it into a {@code text/plain} response. Messages must already be safe to show
 * (untrusted values quoted with {@link io.ssehub.text.SafeText}).
 */
public final class ClientError extends RuntimeException {

  private final int status;

  public ClientError(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
