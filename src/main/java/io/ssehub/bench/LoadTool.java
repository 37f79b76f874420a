package io.ssehub.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * {@code java -jar ssehub.jar bench ...}: a load generator for any SSE server. It opens subscribers (ramped),
 * optionally publishes at a fixed rate during a measurement window, then reports what arrived: deliveries per second,
 * per-client counts, expected against received, latency, and the CPU time and RSS of the given processes. This is a
 * command-line tool: its main thread waits with plain sleeps while the event loops do the work.
 */
public final class LoadTool {

  private static final LongSupplier NOW_MICROS = () -> {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  };

  /** Stands for the sequence number in warm-up events, which no count includes. */
  static final String WARMUP_SEQ = "warmup";

  private LoadTool() {
  }

  /** Runs the tool; returns the process exit code (0, or 2 for a bad command line). */
  public static int run(String... args) throws Exception {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      boolean help = e.getMessage().equals(BenchOptions.USAGE);
      (help ? System.out : System.err).println(help ? BenchOptions.USAGE : "bench: " + e.getMessage());
      return help ? 0 : 2;
    }
    Vertx vertx = Vertx.vertx();
    try {
      JsonObject report = measure(vertx, options);
      System.out.println(report.encode());
      System.out.println(Report.table(report));
      return 0;
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /** How long connects may take after the ramp before the window opens without them. */
  private static final long CONNECT_GRACE_MILLIS = 60_000;

  private static JsonObject measure(Vertx vertx, BenchOptions options) throws Exception {
    List<HttpClient> clients = new ArrayList<>();
    for (String host : options.sourceHosts()) {
      clients.add(vertx.createHttpClient(new HttpClientOptions().setLocalAddress(host).setIdleTimeout(0),
          new PoolOptions().setHttp1MaxSize(options.clients()).setMaxWaitQueueSize(-1)));
    }
    LatencyHistogram latency = new LatencyHistogram();
    // One client publishes through the warm-ups and the window, so the window reuses the warm-up's connections, as
    // the publishers of a server that runs do: new ones at the window's start made a JVM recompile its hot paths
    // inside the window (docs/benchmarks.md). Referenced until closed with the others (a Vert.x client that becomes
    // unreachable is closed).
    HttpClient publishing = null;
    if (options.publishUrl() != null) {
      publishing = vertx.createHttpClient(new HttpClientOptions(),
          new PoolOptions().setHttp1MaxSize(options.concurrency()));
      if (options.warmupBurstSeconds() > 0) {
        warmupBurst(vertx, clients.get(0), publishing, options, latency);
      }
    }
    List<Subscriber> subscribers = new ArrayList<>(options.clients());
    List<Future<Void>> connects = new ArrayList<>(options.clients());
    // Why connections failed ("status 502", or the exception's message), counted; written from every event loop.
    Map<String, Integer> connectErrors = new ConcurrentHashMap<>();
    long rampMillis = (long) (options.rampSeconds() * 1000);
    // Set when the tool stops waiting for connects: those still pending are counted once, as not connected in time.
    AtomicBoolean gaveUp = new AtomicBoolean();
    for (int i = 0; i < options.clients(); i++) {
      Subscriber subscriber = new Subscriber(latency, NOW_MICROS);
      subscribers.add(subscriber);
      HttpClient client = clients.get(i % clients.size());
      io.vertx.core.Promise<Void> connected = io.vertx.core.Promise.promise();
      connects.add(connected.future());
      long delay = Math.max(1, rampMillis * i / options.clients());
      vertx.setTimer(delay, id -> subscriber.connect(client, options.url()).onComplete(result -> {
        if (result.failed() && !gaveUp.get()) {
          connectErrors.merge(String.valueOf(result.cause().getMessage()), 1, Integer::sum);
        }
        connected.complete();
      }));
    }
    try {
      Future.join(connects).toCompletionStage().toCompletableFuture()
          .get(rampMillis + CONNECT_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // A server that floods the connected subscribers can starve this tool's own connects (a generator at 1 ms to
      // a thousand clients on the tool's machine): measure the clients that made it, and say how many did not.
      gaveUp.set(true);
      int pending = (int) connects.stream().filter(connect -> !connect.isComplete()).count();
      connectErrors.merge("not connected within the ramp + " + CONNECT_GRACE_MILLIS / 1000 + " s", pending,
          Integer::sum);
    }

    if (options.warmupSeconds() > 0 && publishing != null) {
      // Warm up the server (a JVM's compiler, say) with the same traffic, in events the subscribers recognise and
      // leave out of every count; the drain lets them all arrive before the window opens.
      String body = options.publishBody().replace("{seq}", WARMUP_SEQ);
      publishFor(vertx, publishing, options, body, options.warmupSeconds());
      TimeUnit.MILLISECONDS.sleep((long) (options.drainSeconds() * 1000));
    }

    List<ProcessSample> before = samples(options.pids());
    long deliveredBefore = serverDelivered(options);
    long windowStart = System.nanoTime();
    subscribers.forEach(s -> s.measuring(true));
    RatePublisher publisher = null;
    if (publishing != null) {
      publisher = publishFor(vertx, publishing, options, options.publishBody(), options.seconds());
    } else {
      TimeUnit.MILLISECONDS.sleep((long) (options.seconds() * 1000));
    }
    subscribers.forEach(s -> s.measuring(false));
    long deliveredAfter = serverDelivered(options);
    double window = (System.nanoTime() - windowStart) / 1e9;
    TimeUnit.MILLISECONDS.sleep((long) (options.drainSeconds() * 1000));
    List<ProcessSample> after = samples(options.pids());
    double measured = (System.nanoTime() - windowStart) / 1e9;

    // Read the counts before closing: closing ends every stream, which a subscriber cannot tell from the server
    // dropping it, so a clean run would report every client as disconnected. Each count is read on its subscriber's
    // loop, after the data that loop already holds (a long queue under overload, hence the generous wait).
    List<Future<Subscriber.Counts>> reads = subscribers.stream().map(Subscriber::counts).toList();
    try {
      Future.join(reads).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      // Loops still busy with what an overloading server sent: the counts not read in time count as nothing.
      connectErrors.merge("counts not read within 120 s of the window's end", (int) reads.stream()
          .filter(read -> !read.isComplete()).count(), Integer::sum);
    }
    List<Subscriber.Counts> counts = reads.stream().filter(Future::succeeded).map(Future::result).toList();
    if (publishing != null) {
      clients.add(publishing);
    }
    Future.join(clients.stream().map(HttpClient::close).toList()).toCompletionStage().toCompletableFuture()
        .get(120, TimeUnit.SECONDS);
    JsonObject report = Report.build(options, counts, Map.copyOf(connectErrors), publisher, latency, window, measured,
        before, after);
    if (deliveredBefore >= 0 && deliveredAfter >= 0) {
      report.put("serverDelivered", deliveredAfter - deliveredBefore)
          .put("serverDeliveriesPerSecond", Math.round((deliveredAfter - deliveredBefore) / window));
    }
    return report;
  }

  /** The server's own count of deliveries ({@code --server-stats}), or -1 when not asked or not readable. */
  private static long serverDelivered(BenchOptions options) {
    if (options.serverStats() == null) {
      return -1;
    }
    try {
      HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(options.serverStats()).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      return new JsonObject(response.body()).getLong("delivered", -1L);
    } catch (Exception e) {
      return -1;
    }
  }

  /**
   * {@code --warmup-burst}: one subscriber of its own, publishing as fast as the concurrency allows, the drain, and
   * the subscriber closed, before the measured subscribers connect.
   */
  private static void warmupBurst(Vertx vertx, HttpClient subscribing, HttpClient publishing, BenchOptions options,
                                  LatencyHistogram latency) throws Exception {
    BenchOptions.Burst burst = options.burst();
    Subscriber own = new Subscriber(latency, NOW_MICROS);
    own.connect(subscribing, burst.url()).toCompletionStage().toCompletableFuture()
        .get(CONNECT_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    RatePublisher publisher = new RatePublisher(vertx, publishing, burst.publishUrl(), options.contentType(),
        burst.body().replace("{seq}", WARMUP_SEQ), 0, options.concurrency(), NOW_MICROS);
    runFor(vertx, publisher, options.warmupBurstSeconds());
    TimeUnit.MILLISECONDS.sleep((long) (options.drainSeconds() * 1000));
    own.close().toCompletionStage().toCompletableFuture().get(CONNECT_GRACE_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Publishes with the given body template for the given time, on one event loop; returns once it stopped. */
  private static RatePublisher publishFor(Vertx vertx, HttpClient client, BenchOptions options, String body,
                                          double seconds) throws InterruptedException {
    return runFor(vertx, new RatePublisher(vertx, client, options.publishUrl(), options.contentType(), body,
        options.publishRate(), options.concurrency(), NOW_MICROS), seconds);
  }

  private static RatePublisher runFor(Vertx vertx, RatePublisher publisher, double seconds)
      throws InterruptedException {
    Context context = vertx.getOrCreateContext();
    context.runOnContext(v -> publisher.start());
    TimeUnit.MILLISECONDS.sleep((long) (seconds * 1000));
    context.runOnContext(v -> publisher.stop());
    return publisher;
  }

  private static List<ProcessSample> samples(List<Integer> pids) {
    List<ProcessSample> samples = new ArrayList<>();
    for (int pid : pids) {
      samples.add(ProcessSample.of(pid));
    }
    samples.add(ProcessSample.of(ProcessHandle.current().pid()));
    return samples;
  }
}
