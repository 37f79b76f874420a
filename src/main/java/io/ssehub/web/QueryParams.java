package io.ssehub.web;

import io.ssehub.text.SafeText;
import io.ssehub.text.UrlEncoded;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads query parameters strictly ({@link UrlEncoded}: names are case-sensitive, bytes must be UTF-8), turning a
 * malformed query string into a 400 that says what is wrong with it, and shows URIs with credentials hidden.
 */
public final class QueryParams {

  private static final String PARSED = "ssehub.queryParams";

  private QueryParams() {
  }

  /** Every value of {@code name} in the query string, decoded, in order. */
  public static List<String> all(RoutingContext ctx, String name) {
    List<String> values = new ArrayList<>(1);
    for (UrlEncoded.Param param : parsed(ctx)) {
      if (param.name().equals(name)) {
        values.add(param.value());
      }
    }
    return values;
  }

  /** Every parameter of the query string, decoded, in order. */
  public static List<UrlEncoded.Param> all(RoutingContext ctx) {
    return parsed(ctx);
  }

  private static List<UrlEncoded.Param> parsed(RoutingContext ctx) {
    List<UrlEncoded.Param> params = ctx.get(PARSED);
    if (params == null) {
      String query = ctx.request().query();
      try {
        // The request line reaches us as ISO-8859-1, one char per byte, so this gives back the bytes sent.
        params = query == null ? List.of() : UrlEncoded.decode(query.getBytes(StandardCharsets.ISO_8859_1));
      } catch (UrlEncoded.Malformed e) {
        throw new ClientError(400, "Malformed query string " + SafeText.quoteLatin1Bytes(UrlEncoded.redacted(query))
            + ": " + e.getMessage());
      }
      ctx.put(PARSED, params);
    }
    return params;
  }

  /**
   * The request's path and query with credentials hidden ({@link UrlEncoded#redacted}), one char per byte as it came:
   * show it with {@link SafeText#quoteLatin1Bytes}.
   */
  public static String redactedUri(RoutingContext ctx) {
    String query = ctx.request().query();
    String path = ctx.request().path();
    return query == null ? path : path + "?" + UrlEncoded.redacted(query);
  }
}
