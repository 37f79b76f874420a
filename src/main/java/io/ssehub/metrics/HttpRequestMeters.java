package io.ssehub.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * ssehub's HTTP server meters, in place of Vert.x's Micrometer ones: requests answered by route and status, the time
 * to answer them by route, and the open connections. Vert.x 5.0.10's own look five meters up in the registry per
 * request (with tags built each time); these are resolved once per route and status, so a request costs two
 * increments and a clock reading (docs/benchmarks.md, "Request meters"). The route is one of a fixed few, from the
 * request's path, so the number of series stays bounded whatever clients send.
 */
final class HttpRequestMeters implements HttpServerMetrics<HttpRequestMeters.Request, Void, Void> {

  /** The routes a request is counted under; {@code other} is the page, its files and every unknown path. */
  enum Route {
    SSE("/sse"), PUBLISH("/publish"), STATS("/stats"), METRICS("/metrics"), HEALTH("/health"), OTHER(null);

    private final String path;

    Route(String path) {
      this.path = path;
    }

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The route of a request URI: its path, without the query, is one of the hub's, or under /health/. */
    static Route of(String uri) {
      int end = uri.indexOf('?');
      String path = end < 0 ? uri : uri.substring(0, end);
      for (Route route : values()) {
        if (route.path != null && (path.equals(route.path)
            || route == HEALTH && path.startsWith("/health/"))) {
          return route;
        }
      }
      return OTHER;
    }
  }

  /** One request in flight: its route, when it began, and its status once its answer began (else 0). */
  static final class Request {
    final Route route;
    final long startNanos;
    int status;

    Request(Route route, long startNanos) {
      this.route = route;
      this.startNanos = startNanos;
    }
  }

  private static final int FIRST_STATUS = 100;
  private static final int STATUSES = 500;

  private final MeterRegistry registry;
  private final LongAdder connections = new LongAdder();
  private final Timer[] durations = new Timer[Route.values().length];
  /** Per route, one counter per status, registered when first used (statuses 100-599). */
  private final AtomicReferenceArray<Counter>[] answered;

  @SuppressWarnings("unchecked")
  HttpRequestMeters(MeterRegistry registry) {
    this.registry = registry;
    answered = new AtomicReferenceArray[Route.values().length];
    for (Route route : Route.values()) {
      answered[route.ordinal()] = new AtomicReferenceArray<>(STATUSES);
      if (route != Route.SSE) {
        durations[route.ordinal()] = Timer.builder("ssehub.http.request.duration")
            .description("Time from a request's head to the end of its answer, by route (streams excluded)")
            .tag("route", route.label()).register(registry);
      }
    }
    Gauge.builder("ssehub.http.connections", connections, LongAdder::sum)
        .description("Open HTTP connections (TCP, or TLS over TCP)").register(registry);
  }

  @Override
  public Void connected(SocketAddress remoteAddress, String remoteName) {
    connections.increment();
    return null;
  }

  @Override
  public void disconnected(Void socketMetric, SocketAddress remoteAddress) {
    connections.decrement();
  }

  @Override
  public Request requestBegin(Void socketMetric, HttpRequest request) {
    return new Request(Route.of(request.uri()), System.nanoTime());
  }

  @Override
  public void responseBegin(Request request, HttpResponse response) {
    if (request != null) {
      request.status = response.statusCode();
    }
  }

  @Override
  public void responseEnd(Request request, HttpResponse response, long bytesWritten) {
    if (request == null) {
      return;
    }
    answered(request.route, response.statusCode()).increment();
    Timer duration = durations[request.route.ordinal()];
    if (duration != null) {
      duration.record(System.nanoTime() - request.startNanos, TimeUnit.NANOSECONDS);
    }
  }

  /**
   * A request whose connection closed or whose stream was reset before its answer ended: counted when its answer had
   * begun (a stream whose client left, above all), else not (ssehub_requests_aborted_total counts those it notices).
   */
  @Override
  public void requestReset(Request request) {
    if (request != null && request.status != 0) {
      answered(request.route, request.status).increment();
    }
  }

  private Counter answered(Route route, int status) {
    int index = Math.floorMod(status - FIRST_STATUS, STATUSES);
    AtomicReferenceArray<Counter> byStatus = answered[route.ordinal()];
    Counter counter = byStatus.get(index);
    if (counter == null) {
      // Registering is idempotent: two loops racing here get the same counter.
      counter = Counter.builder("ssehub.http.requests").description("Requests answered, by route and status"
              + " (a stream counts when it ends)")
          .tag("route", route.label()).tag("status", Integer.toString(status)).register(registry);
      byStatus.set(index, counter);
    }
    return counter;
  }
}
