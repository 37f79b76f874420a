package io.ssehub.http;

import io.ssehub.text.PercentEncoding;
import io.ssehub.text.SafeText;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/** Reads query parameters, turning a malformed query string into a 400 that says what is wrong with it. */
public final class QueryParams {

  private static final String CHECKED = "ssehub.queryUtf8Checked";
  private static final Pattern TOKEN_VALUE = Pattern.compile("((?:^|&)access_token=)[^&]*");

  private QueryParams() {
  }

  /** Every value of {@code name} in the query string, decoded. */
  public static List<String> all(RoutingContext ctx, String name) {
    List<String> values;
    try {
      values = ctx.queryParam(name);
    } catch (HttpException e) {
      throw malformed(ctx, "invalid percent-encoding");
    }
    if (ctx.get(CHECKED) == null) {
      // The decoder above turns bytes that are not UTF-8 into U+FFFD without a word; a topic or an id made of
      // replacement characters is not what the client meant.
      String query = ctx.request().query();
      // The request line reaches us as ISO-8859-1, one char per byte, so this gives back the bytes sent.
      if (query != null && !PercentEncoding.decodesToUtf8(query.getBytes(StandardCharsets.ISO_8859_1))) {
        throw malformed(ctx, "percent-encoded bytes that are not UTF-8");
      }
      ctx.put(CHECKED, Boolean.TRUE);
    }
    return values;
  }

  private static ClientError malformed(RoutingContext ctx, String why) {
    return new ClientError(400, "Malformed query string " + SafeText.quote(redacted(ctx.request().query()))
        + ": " + why);
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
