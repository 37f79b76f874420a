package io.ssehub.web;

import io.ssehub.text.SafeText;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;
import java.util.stream.Collectors;

/** Lets through only the given methods on a route; others get {@code 405} with an {@code Allow} header. */
public final class AllowedMethods implements Handler<RoutingContext> {

  private final Set<HttpMethod> allowed;
  private final String allowHeader;

  private AllowedMethods(Set<HttpMethod> allowed) {
    this.allowed = allowed;
    this.allowHeader = allowed.stream().map(HttpMethod::name).sorted().collect(Collectors.joining(", "));
  }

  public static AllowedMethods only(HttpMethod... methods) {
    return new AllowedMethods(Set.of(methods));
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    if (allowed.contains(method)) {
      ctx.next();
      return;
    }
    ctx.response().putHeader(HttpHeaders.ALLOW, allowHeader);
    throw new ClientError(405, "Method " + SafeText.quote(method.name()) + " is not allowed on "
        + SafeText.quoteLatin1Bytes(ctx.request().path()) + ": use " + allowHeader);
  }
}
