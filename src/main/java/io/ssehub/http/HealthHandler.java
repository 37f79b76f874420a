package io.ssehub.http;

import io.ssehub.web.AllowedMethods;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.function.Supplier;

/**
 * {@code GET /health} (every check), {@code /health/live} and {@code /health/ready}: 200 when the checks are up,
 * 503 when one is down, with the outcome as JSON ({@code {"status":"UP","checks":[...]}}) and never cached.
 */
final class HealthHandler {

  private HealthHandler() {
  }

  static void mount(Router router, HealthChecks checks) {
    route(router, "/health", checks::checkStatus);
    route(router, "/health/live", () -> checks.checkStatus("live"));
    route(router, "/health/ready", () -> checks.checkStatus("ready"));
  }

  private static void route(Router router, String path, Supplier<Future<CheckResult>> check) {
    router.route(path).handler(AllowedMethods.only(HttpMethod.GET)).handler(ctx -> respond(ctx, check.get()));
  }

  private static void respond(RoutingContext ctx, Future<CheckResult> check) {
    check.onComplete(result -> {
      boolean up = result.succeeded() && CheckResult.isUp(result.result());
      String body = result.succeeded() ? result.result().toJson().encode()
          : "{\"status\":\"DOWN\",\"outcome\":\"DOWN\"}";
      ctx.response()
          .setStatusCode(up ? 200 : 503)
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
          .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
          .end(body);
    });
  }
}
