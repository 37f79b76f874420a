package io.ssehub.http;

import io.ssehub.text.SafeText;
import io.ssehub.web.ClientError;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * Which other origins' pages may use the hub ({@code http.cors.allowedOrigins}), in front of every route. Requests
 * without an {@code Origin}, or from the hub's own origin, pass untouched. A listed origin gets its
 * {@code Access-Control-Allow-Origin} with credentials (cookies, for {@code EventSource} with
 * {@code withCredentials}); {@code *} (allowed only with auth off) gets {@code *} without credentials. Preflights
 * ({@code OPTIONS} with {@code Access-Control-Request-Method}) are answered here, 204. Any other origin gets 403
 * naming it, so that a foreign page cannot even make the hub publish.
 */
final class CorsPolicy implements Handler<RoutingContext> {

  private static final String ALLOWED_METHODS = "GET, POST";
  private static final String ALLOWED_HEADERS = "Authorization, Content-Type, Last-Event-ID";
  private static final String MAX_AGE_SECONDS = "600";

  private final List<String> allowedOrigins;
  private final boolean anyOrigin;

  CorsPolicy(List<String> allowedOrigins) {
    this.allowedOrigins = allowedOrigins;
    this.anyOrigin = allowedOrigins.contains("*");
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    MultiMap headers = ctx.response().headers();
    if (!anyOrigin && !allowedOrigins.isEmpty()) {
      // The answer depends on the Origin: caches must keep one per origin.
      headers.add(HttpHeaders.VARY, "Origin");
    }
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    if (origin == null || isSameOrigin(request, origin)) {
      ctx.next();
      return;
    }
    boolean listed = allowedOrigins.contains(origin);
    if (!listed && !anyOrigin) {
      throw new ClientError(403, "Origin " + SafeText.quote(origin) + " is not allowed: add it to"
          + " http.cors.allowedOrigins");
    }
    headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, listed ? origin : "*");
    if (listed) {
      headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
    }
    if (request.method() == HttpMethod.OPTIONS
        && request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null) {
      ctx.response()
          .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS)
          .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS)
          .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, MAX_AGE_SECONDS)
          .setStatusCode(204)
          .end();
      return;
    }
    headers.set(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, "Last-Event-ID, Mercure-Last-Event-ID, Link");
    ctx.next();
  }

  private static boolean isSameOrigin(HttpServerRequest request, String origin) {
    String host = request.getHeader(HttpHeaders.HOST);
    return host != null && origin.equalsIgnoreCase(request.scheme() + "://" + host);
  }
}
