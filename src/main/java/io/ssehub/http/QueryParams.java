package io.ssehub.http;

import io.ssehub.text.SafeText;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

import java.util.List;
import java.util.regex.Pattern;

/** Reads query parameters, turning a malformed query string into a 400 that says what is wrong with it. */
public final class QueryParams {

  private static final Pattern TOKEN_VALUE = Pattern.compile("((?:^|&)access_token=)[^&]*");

  private QueryParams() {
  }

  /** Every value of {@code name} in the query string, decoded. */
  public static List<String> all(RoutingContext ctx, String name) {
    try {
      return ctx.queryParam(name);
    } catch (HttpException e) {
      throw new ClientError(400, "Malformed query string " + SafeText.quote(redacted(ctx.request().query()))
          + ": invalid percent-encoding");
    }
  }

  /** A query string fit for messages and logs: the value of {@code access_token} (a credential) is hidden. */
  static String redacted(String query) {
    return query == null ? null : TOKEN_VALUE.matcher(query).replaceAll("$1[redacted]");
  }

  /** The request's URI with {@link #redacted} query. */
  static String redactedUri(RoutingContext ctx) {
    String query = ctx.request().query();
    return query == null ? ctx.request().path() : ctx.request().path() + "?" + redacted(query);
  }
}
