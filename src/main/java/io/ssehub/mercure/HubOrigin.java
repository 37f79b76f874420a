package io.ssehub.mercure;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * The hub's origin ({@code https://hub.example.com}): what relative topics and URL patterns are resolved against,
 * and where the hub's URLs in answers point. {@code mercure.hubUrl} when set; else the origin a request reached,
 * from its {@code Host} header, which a client chooses (hence {@code http.allowedHosts}, or {@code mercure.hubUrl}).
 */
final class HubOrigin {

  /** Where the hub's OAuth protected resource metadata (RFC 9728) is, for the hub URL's path. */
  static final String METADATA_PATH = "/.well-known/oauth-protected-resource" + MercurePublication.NAMESPACE;

  /** The configured hub URL, or null. */
  private final String hubUrl;
  private final String origin;

  /** @param hubUrl {@code mercure.hubUrl}, an absolute URL validated by the configuration, or null */
  HubOrigin(String hubUrl) {
    this.hubUrl = hubUrl;
    this.origin = hubUrl == null ? null : originOf(hubUrl);
  }

  private static String originOf(String url) {
    int authority = url.indexOf("://") + 3;
    int path = url.indexOf('/', authority);
    return path < 0 ? url : url.substring(0, path);
  }

  String of(RoutingContext ctx) {
    if (origin != null) {
      return origin;
    }
    String host = ctx.request().getHeader(HttpHeaders.HOST);
    if (host == null && ctx.request().authority() != null) {
      host = ctx.request().authority().toString();
    }
    return ctx.request().scheme() + "://" + (host == null ? "localhost" : host);
  }

  /** The hub URL. */
  String hubUrl(RoutingContext ctx) {
    return hubUrl != null ? hubUrl : of(ctx) + MercurePublication.NAMESPACE;
  }

  /** The URL of the hub's protected resource metadata. */
  String metadataUrl(RoutingContext ctx) {
    return of(ctx) + METADATA_PATH;
  }
}
