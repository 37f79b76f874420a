package io.ssehub.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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

  private static JsonObject measure(Vertx vertx, BenchOptions options) throws Exception {
    List<HttpClient> clients = new ArrayList<>();
    for (String host : options.sourceHosts()) {
      clients.add(vertx.createHttpClient(new HttpClientOptions().setLocalAddress(host).setIdleTimeout(0),
          new PoolOptions().setHttp1MaxSize(options.clients()).setMaxWaitQueueSize(-1)));
    }
    LatencyHistogram latency = new LatencyHistogram();
    List<Subscriber> subscribers = new ArrayList<>(options.clients());
    List<Future<Void>> connects = new ArrayList<>(options.clients());
    // Why connections failed ("status 502", or the exception's message), counted; written from every event loop.
    Map<String, Integer> connectErrors = new ConcurrentHashMap<>();
    long rampMillis = (long) (options.rampSeconds() * 1000);
    for (int i = 0; i < options.clients(); i++) {
      Subscriber subscriber = new Subscriber(latency, NOW_MICROS);
      subscribers.add(subscriber);
      HttpClient client = clients.get(i % clients.size());
      io.vertx.core.Promise<Void> connected = io.vertx.core.Promise.promise();
      connects.add(connected.future());
      long delay = Math.max(1, rampMillis * i / options.clients());
      vertx.setTimer(delay, id -> subscriber.connect(client, options.url()).onComplete(result -> {
        if (result.failed()) {
          connectErrors.merge(String.valueOf(result.cause().getMessage()), 1, Integer::sum);
        }
        connected.complete();
      }));
    }
    Future.join(connects).toCompletionStage().toCompletableFuture()
        .get(rampMillis + 60_000, TimeUnit.MILLISECONDS);

    if (options.warmupSeconds() > 0 && options.publishUrl() != null) {
      // Warm up the server (a JVM's compiler, say) with the same traffic, in events the subscribers recognise and
      // leave out of every count; the drain lets them all arrive before the window opens.
      String body = options.publishBody().replace("{seq}", WARMUP_SEQ);
      publishFor(vertx, options, body, options.warmupSeconds());
      TimeUnit.MILLISECONDS.sleep((long) (options.drainSeconds() * 1000));
    }

    List<ProcessSample> before = samples(options.pids());
    long windowStart = System.nanoTime();
    subscribers.forEach(s -> s.measuring(true));
    RatePublisher publisher = null;
    if (options.publishUrl() != null) {
      publisher = publishFor(vertx, options, options.publishBody(), options.seconds());
    } else {
      TimeUnit.MILLISECONDS.sleep((long) (options.seconds() * 1000));
    }
    subscribers.forEach(s -> s.measuring(false));
    double window = (System.nanoTime() - windowStart) / 1e9;
    TimeUnit.MILLISECONDS.sleep((long) (options.drainSeconds() * 1000));
    List<ProcessSample> after = samples(options.pids());
    double measured = (System.nanoTime() - windowStart) / 1e9;

    // Read the counts before closing: closing ends every stream, which a subscriber cannot tell from the server
    // dropping it, so a clean run would report every client as disconnected. Each count is read on its subscriber's
    // loop, after the data that loop already holds (a long queue under overload, hence the generous wait).
    List<Subscriber.Counts> counts = new ArrayList<>();
    for (Subscriber subscriber : subscribers) {
      counts.add(subscriber.counts().toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS));
    }
    Future.join(clients.stream().map(HttpClient::close).toList()).toCompletionStage().toCompletableFuture()
        .get(120, TimeUnit.SECONDS);
    return Report.build(options, counts, Map.copyOf(connectErrors), publisher, latency, window, measured, before,
        after);
  }

  /** Publishes with the given body template for the given time, on one event loop; returns once it stopped. */
  private static RatePublisher publishFor(Vertx vertx, BenchOptions options, String body, double seconds)
      throws InterruptedException {
    HttpClient client = vertx.createHttpClient(new HttpClientOptions(),
        new PoolOptions().setHttp1MaxSize(options.concurrency()));
    RatePublisher publisher = new RatePublisher(vertx, client, options.publishUrl(), options.contentType(), body,
        options.publishRate(), options.concurrency(), NOW_MICROS);
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
