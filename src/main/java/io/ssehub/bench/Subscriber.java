package io.ssehub.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.net.URI;
import java.util.function.LongSupplier;

/**
 * One SSE connection of the load tool: counts the benchmark events it receives (data {@code "<seq> <ts> ..."}),
 * notices duplicates and reordering, and records publish-to-receive latency.
 */
final class Subscriber {

  private final LatencyHistogram latency;
  private final LongSupplier nowMicros;
  private final SseStreamParser parser;
  private volatile boolean measuring;
  private long received;
  private long receivedInWindow;
  private long other;
  private long warmup;
  private long outOfOrder;
  private long lastSeq = -1;
  private boolean connected;
  private boolean disconnected;
  private Context context;
  private volatile HttpConnection connection;

  /** Counters read on the subscriber's own event loop, so that they are read after its last write. */
  record Counts(long received, long receivedInWindow, long other, long warmup, long outOfOrder, long comments,
                boolean connected, boolean disconnected) {
  }

  Subscriber(LatencyHistogram latency, LongSupplier nowMicros) {
    this.latency = latency;
    this.nowMicros = nowMicros;
    this.parser = new SseStreamParser(event -> onEvent(event.data()));
  }

  /** Opens the stream; completes when the response head arrived with status 200. */
  Future<Void> connect(HttpClient client, URI url) {
    // Browsers send this Accept header, and some servers (nchan) only stream to requests that carry it.
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url.toString())
        .putHeader("Accept", "text/event-stream");
    return client.request(options)
        .compose(request -> request.send())
        .compose(response -> {
          if (response.statusCode() != 200) {
            return response.body().transform(ignored ->
                Future.failedFuture("status " + response.statusCode()));
          }
          connected = true;
          context = Vertx.currentContext();
          connection = response.request().connection();
          listen(response);
          return Future.succeededFuture();
        });
  }

  /** Closes the stream's connection (a subscriber that never connected has nothing to close). */
  Future<Void> close() {
    HttpConnection open = connection;
    return open == null ? Future.succeededFuture() : open.close();
  }

  private void listen(HttpClientResponse response) {
    response.handler(this::onBytes);
    response.endHandler(v -> disconnected = true);
    response.exceptionHandler(e -> disconnected = true);
  }

  private void onBytes(Buffer buffer) {
    byte[] bytes = buffer.getBytes();
    parser.feed(bytes, 0, bytes.length);
  }

  private void onEvent(String data) {
    if (data.startsWith(LoadTool.WARMUP_SEQ + " ")) {
      warmup++;
      return;
    }
    int space = data.indexOf(' ');
    long seq;
    long sentMicros;
    try {
      seq = Long.parseLong(space < 0 ? data : data.substring(0, space));
      int end = data.indexOf(' ', space + 1);
      sentMicros = space < 0 ? -1
          : Long.parseLong(end < 0 ? data.substring(space + 1) : data.substring(space + 1, end));
    } catch (NumberFormatException e) {
      other++;
      if (measuring) {
        receivedInWindow++;
      }
      return;
    }
    received++;
    if (measuring) {
      receivedInWindow++;
    }
    if (seq <= lastSeq) {
      outOfOrder++;
    }
    lastSeq = Math.max(lastSeq, seq);
    if (sentMicros > 0) {
      latency.record(nowMicros.getAsLong() - sentMicros);
    }
  }

  void measuring(boolean on) {
    measuring = on;
  }

  Future<Counts> counts() {
    Promise<Counts> promise = Promise.promise();
    Runnable read = () -> promise.complete(new Counts(received, receivedInWindow, other, warmup, outOfOrder,
        parser.comments(), connected, disconnected));
    if (context == null) {
      read.run();
    } else {
      context.runOnContext(v -> read.run());
    }
    return promise.future();
  }

}
