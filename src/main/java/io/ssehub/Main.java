package io.ssehub;

import com.hazelcast.config.Config;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ssehub.auth.TokenCommand;
import io.ssehub.bench.LoadTool;
import io.ssehub.cluster.ClusterJoin;
import io.ssehub.cluster.HazelcastSettings;
import io.ssehub.cluster.HubCluster;
import io.ssehub.config.ConfigException;
import io.ssehub.config.ServerConfig;
import io.ssehub.metrics.HubMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.transport.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Entry point of {@code java -jar ssehub.jar}: reads the command line and the configuration, failing fast with one
 * line on stderr and exit code 2, then deploys {@link MainVerticle}. SIGTERM and SIGINT shut down gracefully (every
 * stream ended cleanly) and exit 0.
 */
public final class Main {

  static final int EXIT_OK = 0;
  static final int EXIT_FAILURE = 1;
  static final int EXIT_USAGE = 2;
  private static final long SHUTDOWN_TIMEOUT_SECONDS = 30;

  private static final AtomicBoolean SHUTTING_DOWN = new AtomicBoolean();

  private Main() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("token")) {
      System.exit(TokenCommand.run(Arrays.copyOfRange(args, 1, args.length),
          file -> LaunchArgs.parse(file == null ? new String[0] : new String[] {file}).loadConfig(),
          System.out, System.err));
      return;
    }
    if (args.length > 0 && args[0].equals("bench")) {
      System.exit(LoadTool.run(Arrays.copyOfRange(args, 1, args.length)));
      return;
    }
    LaunchArgs launch;
    try {
      launch = LaunchArgs.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("ssehub: " + e.getMessage());
      System.err.println(LaunchArgs.USAGE);
      System.exit(EXIT_USAGE);
      return;
    }
    if (launch.help()) {
      System.out.println(LaunchArgs.USAGE);
      return;
    }
    ServerConfig config;
    try {
      config = launch.loadConfig();
    } catch (ConfigException e) {
      System.err.println("ssehub: invalid configuration: " + e.getMessage());
      System.exit(EXIT_USAGE);
      return;
    }
    Config hazelcast = null;
    if (config.cluster().enabled()) {
      try {
        hazelcast = HazelcastSettings.load(config.cluster(), config.source());
      } catch (ConfigException e) {
        System.err.println("ssehub: invalid configuration: " + e.getMessage());
        System.exit(EXIT_USAGE);
        return;
      }
    }
    System.exit(run(config, hazelcast));
  }

  /**
   * Starts the hub (joining its cluster first when {@code hazelcast} is given) and waits until a signal has shut it
   * down; returns the exit code.
   */
  private static int run(ServerConfig config, Config hazelcast) throws InterruptedException {
    Logger log = LoggerFactory.getLogger(Main.class);
    PrometheusMeterRegistry prometheus = HubMetrics.newRegistry();
    Transport transport = config.http().transport().resolve();
    log.info("I/O transport: {}", config.http().transport().describe());
    Vertx vertx;
    HubCluster cluster = HubCluster.standalone();
    if (hazelcast == null) {
      vertx = HubMetrics.vertx(config.metrics(), prometheus, transport);
    } else {
      try {
        ClusterJoin.Joined joined = ClusterJoin.join(config.cluster(), hazelcast, HubMetrics.vertxBuilder(
            config.metrics(), prometheus, transport, ClusterJoin.options(config.cluster())));
        vertx = joined.vertx();
        cluster = joined.cluster();
      } catch (ClusterJoin.Failed e) {
        log.error("ssehub {}", e.getMessage());
        return EXIT_FAILURE;
      }
    }
    try {
      vertx.deployVerticle(new MainVerticle(config, Clock.systemUTC(), prometheus, cluster)).toCompletionStage()
          .toCompletableFuture().get();
    } catch (ExecutionException | InterruptedException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      log.error("ssehub could not start: {}", cause.getMessage());
      close(vertx, log, SHUTDOWN_TIMEOUT_SECONDS);
      return EXIT_FAILURE;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicBoolean clean = new AtomicBoolean();
    SignalHandler shutdown = signal -> {
      if (SHUTTING_DOWN.compareAndSet(false, true)) {
        log.info("Received SIG{}: shutting down", signal.getName());
        clean.set(close(vertx, log, SHUTDOWN_TIMEOUT_SECONDS + config.http().shutdownGraceSeconds()));
        stopped.countDown();
      }
    };
    Signal.handle(new Signal("TERM"), shutdown);
    Signal.handle(new Signal("INT"), shutdown);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("Stopped");
    return clean.get() ? EXIT_OK : EXIT_FAILURE;
  }

  /** Closes Vert.x, undeploying everything; false when that failed or took longer than {@code timeoutSeconds}. */
  private static boolean close(Vertx vertx, Logger log, long timeoutSeconds) {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(timeoutSeconds, TimeUnit.SECONDS);
      return true;
    } catch (ExecutionException | InterruptedException | TimeoutException e) {
      log.error("Shutdown did not complete cleanly: {}", e.toString());
      return false;
    }
  }
}
