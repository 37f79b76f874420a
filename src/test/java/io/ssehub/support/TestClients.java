package io.ssehub.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.shareddata.Shareable;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The clients tests talk to the hub with. Vert.x 5 closes a client, and every connection it holds, as soon as the
 * client object becomes garbage: a test that keeps only the future of an answer or of a stream's end would see
 * "Connection was closed" whenever a collection runs mid-test. Clients made here stay reachable for as long as the
 * test's Vert.x instance, which closes them with itself.
 */
public final class TestClients {

  private static final String MAP = "ssehub.test.clients";
  private static final AtomicLong IDS = new AtomicLong();

  private TestClients() {
  }

  public static HttpClient http(Vertx vertx) {
    return http(vertx, new HttpClientOptions());
  }

  public static HttpClient http(Vertx vertx, HttpClientOptions options) {
    return pin(vertx, vertx.createHttpClient(options));
  }

  public static HttpClient http(Vertx vertx, HttpClientOptions options, PoolOptions pool) {
    return pin(vertx, vertx.createHttpClient(options, pool));
  }

  public static NetClient net(Vertx vertx, NetClientOptions options) {
    return pin(vertx, vertx.createNetClient(options));
  }

  private static <T> T pin(Vertx vertx, T client) {
    vertx.sharedData().<Long, Pinned>getLocalMap(MAP).put(IDS.incrementAndGet(), new Pinned(client));
    return client;
  }

  /** A local map holds only shareable values; this one is never copied, only kept. */
  private record Pinned(Object client) implements Shareable {
  }
}
