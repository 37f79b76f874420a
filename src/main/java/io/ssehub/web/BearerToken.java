package io.ssehub.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** The token of a request's {@code Authorization: Bearer <token>} header (RFC 6750; the scheme in any case). */
public final class BearerToken {

  private BearerToken() {
  }

  /** The token, or null when the request has no bearer token. */
  public static String of(RoutingContext ctx) {
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = header.substring(7).strip();
    return token.isEmpty() ? null : token;
  }
}
