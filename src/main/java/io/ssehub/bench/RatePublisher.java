package io.ssehub.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.net.URI;
import java.util.function.LongSupplier;

/**
 * Publishes numbered events at a fixed rate (or as fast as {@code concurrency} requests in flight allow) by POSTing
 * a body template with {@code {seq}} and {@code {ts}} (send time, epoch microseconds) replaced. Runs on one event
 * loop; counts what was sent, accepted and refused.
 */
final class RatePublisher {

  private final Vertx vertx;
  private final HttpClient client;
  private final RequestOptions request;
  private final String template;
  private final double rate;
  private final int concurrency;
  private final LongSupplier nowMicros;
  private long started;
  private long sent;
  private long accepted;
  private long failed;
  private int inFlight;
  private long timer = -1;
  private boolean stopped;

  RatePublisher(Vertx vertx, HttpClient client, URI url, String contentType, String template, double rate,
                int concurrency, LongSupplier nowMicros) {
    this.vertx = vertx;
    this.client = client;
    this.request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url.toString())
        .putHeader(HttpHeaders.CONTENT_TYPE, contentType);
    this.template = template;
    this.rate = rate;
    this.concurrency = concurrency;
    this.nowMicros = nowMicros;
  }

  /** Starts publishing; call on the publisher's context. */
  void start() {
    started = System.nanoTime();
    timer = vertx.setPeriodic(1, id -> pump());
    pump();
  }

  void stop() {
    stopped = true;
    vertx.cancelTimer(timer);
  }

  private void pump() {
    if (stopped) {
      return;
    }
    long due = rate == 0 ? Long.MAX_VALUE : (long) ((System.nanoTime() - started) / 1e9 * rate);
    while (sent < due && inFlight < concurrency) {
      send();
    }
  }

  private void send() {
    long seq = sent++;
    inFlight++;
    String body = template.replace("{seq}", Long.toString(seq)).replace("{ts}", Long.toString(nowMicros.getAsLong()));
    client.request(request)
        .compose(req -> req.send(Buffer.buffer(body)))
        .compose(response -> response.body().map(ignored -> response.statusCode()))
        .onComplete(result -> {
          inFlight--;
          if (result.succeeded() && result.result() < 300) {
            accepted++;
          } else {
            failed++;
          }
          pump();
        });
  }

  long sent() {
    return sent;
  }

  long accepted() {
    return accepted;
  }

  long failed() {
    return failed;
  }

  boolean idle() {
    return inFlight == 0;
  }
}
