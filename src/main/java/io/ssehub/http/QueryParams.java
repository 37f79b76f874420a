package io.ssehub.http;

import io.ssehub.text.SafeText;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

import java.util.List;

/** Reads query parameters, turning a malformed query string into a 400 that says what is wrong with it. */
public final class QueryParams {

  private QueryParams() {
  }

  /** Every value of {@code name} in the query string, decoded. */
  public static List<String> all(RoutingContext ctx, String name) {
    try {
      return ctx.queryParam(name);
    } catch (HttpException e) {
      throw new ClientError(400, "Malformed query string " + SafeText.quote(ctx.request().query())
          + ": invalid percent-encoding");
    }
  }
}
