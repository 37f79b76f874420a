package io.ssehub.auth;

/** A token that does not verify; the message says why, in words safe to show (never the token itself). */
public final class InvalidToken extends RuntimeException {

  public InvalidToken(String reason) {
    super(reason, null, false, false);
  }
}
