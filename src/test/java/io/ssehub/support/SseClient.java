package io.ssehub.support;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * An HTTP client holding one SSE stream: it keeps the exact body text received, parses it with {@link SseParser},
 * and lets a test wait for a number of events or for the end of the body.
 */
public final class SseClient {

  private final HttpClient client;
  private final HttpClientResponse response;
  private final StringBuilder raw = new StringBuilder();
  private final SseParser parser = new SseParser();
  private final List<Waiter> waiters = new ArrayList<>();
  private final Promise<Void> ended = Promise.promise();
  private final Context context;

  private record Waiter(int count, Promise<List<SseParser.ParsedEvent>> promise) {
  }

  private SseClient(HttpClient client, HttpClientResponse response) {
    this.client = client;
    this.response = response;
    // Built in the response's callback: its context is the one every chunk arrives on.
    this.context = Vertx.currentContext();
    response.handler(buffer -> {
      String text = buffer.toString();
      raw.append(text);
      parser.feed(text);
      checkWaiters();
    });
    response.endHandler(v -> ended.tryComplete());
    response.exceptionHandler(ended::tryFail);
  }

  /** Opens {@code uri} and completes when the response head has arrived, whatever its status. */
  public static Future<SseClient> connect(Vertx vertx, int port, String uri) {
    return connect(vertx, port, uri, null);
  }

  /** Opens {@code uri} sending {@code Last-Event-ID} when not null, as a reconnecting EventSource does. */
  public static Future<SseClient> connect(Vertx vertx, int port, String uri, String lastEventId) {
    return connect(vertx, port, uri, lastEventId, null);
  }

  /** Opens {@code uri} from the local address {@code from} (127.0.0.x: another client address to the server). */
  public static Future<SseClient> connectFrom(Vertx vertx, int port, String uri, String from) {
    return connect(vertx, port, uri, null, from);
  }

  private static Future<SseClient> connect(Vertx vertx, int port, String uri, String lastEventId, String from) {
    return open(vertx, port, uri, lastEventId == null ? Map.of() : Map.of("Last-Event-ID", lastEventId), from);
  }

  /** Opens {@code uri} with these request headers (a token, a cookie, Last-Event-ID). */
  public static Future<SseClient> connectWith(Vertx vertx, int port, String uri, Map<String, String> headers) {
    return open(vertx, port, uri, headers, null);
  }

  private static Future<SseClient> open(Vertx vertx, int port, String uri, Map<String, String> headers,
                                        String from) {
    HttpClient client = TestClients.http(vertx,
        new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port).setLocalAddress(from),
        new PoolOptions().setHttp1MaxSize(1));
    return client.request(HttpMethod.GET, uri)
        .compose(request -> {
          headers.forEach(request::putHeader);
          return request.send();
        })
        .map(response -> new SseClient(client, response));
  }

  public HttpClientResponse response() {
    return response;
  }

  /** Every byte of the body received so far, as text. */
  public String raw() {
    return raw.toString();
  }

  public List<SseParser.ParsedEvent> events() {
    return parser.events();
  }

  public SseParser parser() {
    return parser;
  }

  /**
   * Completes with the first {@code count} events once that many have arrived. Safe from any thread: the waiter is
   * added on the stream's own context, where the events arrive.
   */
  public Future<List<SseParser.ParsedEvent>> awaitEvents(int count) {
    Promise<List<SseParser.ParsedEvent>> promise = Promise.promise();
    onContext(() -> {
      waiters.add(new Waiter(count, promise));
      checkWaiters();
    });
    return promise.future();
  }

  /** A copy of the events received so far, taken on the stream's context (safe from a test's own thread). */
  public Future<List<SseParser.ParsedEvent>> eventsNow() {
    Promise<List<SseParser.ParsedEvent>> promise = Promise.promise();
    onContext(() -> promise.complete(List.copyOf(parser.events())));
    return promise.future();
  }

  private void onContext(Runnable action) {
    if (context == null || context == Vertx.currentContext()) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }

  /** Completes when the server ends the body normally; fails if the connection breaks instead. */
  public Future<Void> ended() {
    return ended.future();
  }

  /** Closes the connection from the client side. */
  public Future<Void> close() {
    return client.close();
  }

  private void checkWaiters() {
    Iterator<Waiter> it = waiters.iterator();
    while (it.hasNext()) {
      Waiter waiter = it.next();
      if (parser.events().size() >= waiter.count()) {
        it.remove();
        waiter.promise().complete(List.copyOf(parser.events().subList(0, waiter.count())));
      }
    }
  }
}
