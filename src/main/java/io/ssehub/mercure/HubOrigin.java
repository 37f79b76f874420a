package io.ssehub.mercure;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * The hub's origin as a request reached it ({@code https://hub.example.com}): what relative topics and URL patterns
 * are resolved against, and where the hub's URLs in answers point.
 */
final class HubOrigin {

  /** Where the hub's OAuth protected resource metadata (RFC 9728) is, for the hub URL {@value #HUB}. */
  static final String METADATA_PATH = "/.well-known/oauth-protected-resource" + MercurePublication.NAMESPACE;
  private static final String HUB = MercurePublication.NAMESPACE;

  private HubOrigin() {
  }

  static String of(RoutingContext ctx) {
    String host = ctx.request().getHeader(HttpHeaders.HOST);
    if (host == null && ctx.request().authority() != null) {
      host = ctx.request().authority().toString();
    }
    return ctx.request().scheme() + "://" + (host == null ? "localhost" : host);
  }

  /** The hub URL. */
  static String hubUrl(RoutingContext ctx) {
    return of(ctx) + HUB;
  }

  /** The URL of the hub's protected resource metadata. */
  static String metadataUrl(RoutingContext ctx) {
    return of(ctx) + METADATA_PATH;
  }
}
