package io.ssehub.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The load tool's command line.
 *
 * @param url          the SSE URL subscribers open
 * @param clients      subscriber connections
 * @param rampSeconds  time over which they connect
 * @param seconds      measurement window, after the ramp
 * @param publishUrl   where to POST events, or null to only listen (e.g. to a generator)
 * @param publishRate  events per second to publish; 0 publishes as fast as possible
 * @param publishBody  body template; {seq} and {ts} (send time, epoch microseconds) are substituted
 * @param contentType  the publish Content-Type
 * @param concurrency  publish requests in flight at most
 * @param drainSeconds time allowed after the window (and after the warm-up) for events still in flight
 * @param warmupSeconds publishing before the window, not counted, so that both servers are measured warm
 * @param warmupBurstSeconds publishing as fast as {@code concurrency} allows to one subscriber of its own, before
 *                     the others connect, not counted: makes a JIT compile the per-publish path that a low
 *                     {@code publishRate} never makes hot within the warm-up
 * @param burst        where the burst subscribes and publishes: another topic than the measured one, so that a
 *                     server that replays what it holds to new subscribers (nchan) does not send the burst to them
 * @param pids         process ids whose CPU time and RSS to sample over the window (together: one server)
 * @param sourceHosts  local addresses (127.0.0.x) to spread subscriber connections over
 * @param label        a name for the run, copied to the report
 * @param serverStats  a URL answering JSON with a {@code delivered} count (ssehub's {@code /stats}), read at the start
 *                     and the end of the window: the server's own count of deliveries, or null
 */
public record BenchOptions(URI url, int clients, double rampSeconds, double seconds, URI publishUrl,
                           double publishRate, String publishBody, String contentType, int concurrency,
                           double drainSeconds, double warmupSeconds, double warmupBurstSeconds, Burst burst,
                           List<Integer> pids, List<String> sourceHosts, String label, URI serverStats) {

  /** The burst's subscriber URL, publish URL and body template. */
  public record Burst(URI url, URI publishUrl, String body) {
  }

  static final String USAGE = String.join("\n",
      "Usage: java -jar ssehub.jar bench --url URL [options]",
      "",
      "Opens SSE subscribers, optionally publishes at a fixed rate, and reports deliveries, per-client counts,",
      "expected vs received events, publish-to-receive latency and the server's CPU time and RSS.",
      "",
      "  --url URL             SSE URL the subscribers open (required)",
      "  --clients N           subscriber connections (default 100)",
      "  --ramp S              seconds over which they connect (default 2)",
      "  --seconds S           measurement window after the ramp (default 10)",
      "  --publish-url URL     POST events here during the window (default: do not publish)",
      "  --rate R              events per second to publish; 0 = as fast as possible (default 10)",
      "  --body TEMPLATE       publish body; {seq} and {ts} (epoch microseconds) are replaced",
      "                        (default: topic=bench&data={seq}+{ts})",
      "  --content-type TYPE   publish Content-Type (default application/x-www-form-urlencoded)",
      "  --concurrency N       publish requests in flight at most (default 8)",
      "  --drain S             seconds to wait after the window for events in flight (default 3)",
      "  --warmup S            publish for S seconds before the window, not counted: {seq} becomes",
      "                        'warmup'; then wait --drain seconds (default 0)",
      "  --warmup-burst S      before the subscribers connect, publish as fast as --concurrency allows",
      "                        for S seconds to one subscriber of the tool's own, not counted: {seq}",
      "                        becomes 'warmup'; then wait --drain seconds and close it (default 0)",
      "  --burst-url URL       the burst's subscriber URL: best another topic than --url's, as a server",
      "                        may replay what it holds to new subscribers (default: --url)",
      "  --burst-publish-url URL, --burst-body TEMPLATE",
      "                        where and what the burst publishes (default: --publish-url, --body)",
      "  --pid PID             sample this process's CPU time and RSS (repeatable: a server of several",
      "                        processes is measured by their sum, reported as serverTotal)",
      "  --source-hosts A,B    local addresses to spread connections over (default 127.0.0.1)",
      "  --label NAME          name of the run in the report",
      "  --server-stats URL    read the server's own count of deliveries (JSON field 'delivered', as",
      "                        ssehub's /stats) at the start and end of the window",
      "",
      "The data of each published event must start with '<seq> <ts>' (as the default body makes it) for",
      "counting and latency; other events are counted as 'other'.");

  static BenchOptions parse(String... args) {
    URI url = null;
    URI publishUrl = null;
    int clients = 100;
    double ramp = 2;
    double seconds = 10;
    double rate = 10;
    String body = "topic=bench&data={seq}+{ts}";
    String contentType = "application/x-www-form-urlencoded";
    int concurrency = 8;
    double drain = 3;
    double warmup = 0;
    double warmupBurst = 0;
    URI burstUrl = null;
    URI burstPublishUrl = null;
    String burstBody = null;
    List<Integer> pids = new ArrayList<>();
    List<String> hosts = List.of("127.0.0.1");
    String label = "";
    URI serverStats = null;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("-h") || option.equals("--help")) {
        throw new IllegalArgumentException(USAGE);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + option + " needs a value");
      }
      String value = args[++i];
      switch (option) {
        case "--url" -> url = URI.create(value);
        case "--clients" -> clients = positiveInt(option, value);
        case "--ramp" -> ramp = nonNegative(option, value);
        case "--seconds" -> seconds = nonNegative(option, value);
        case "--publish-url" -> publishUrl = URI.create(value);
        case "--rate" -> rate = nonNegative(option, value);
        case "--body" -> body = value;
        case "--content-type" -> contentType = value;
        case "--concurrency" -> concurrency = positiveInt(option, value);
        case "--drain" -> drain = nonNegative(option, value);
        case "--warmup" -> warmup = nonNegative(option, value);
        case "--warmup-burst" -> warmupBurst = nonNegative(option, value);
        case "--burst-url" -> burstUrl = URI.create(value);
        case "--burst-publish-url" -> burstPublishUrl = URI.create(value);
        case "--burst-body" -> burstBody = value;
        case "--pid" -> pids.add(positiveInt(option, value));
        case "--source-hosts" -> hosts = List.of(value.split(","));
        case "--label" -> label = value;
        case "--server-stats" -> serverStats = URI.create(value);
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    if (url == null) {
      throw new IllegalArgumentException("--url is required");
    }
    return new BenchOptions(url, clients, ramp, seconds, publishUrl, rate, body, contentType, concurrency, drain,
        warmup, warmupBurst, new Burst(burstUrl == null ? url : burstUrl,
        burstPublishUrl == null ? publishUrl : burstPublishUrl, burstBody == null ? body : burstBody),
        List.copyOf(pids), hosts, label, serverStats);
  }

  private static int positiveInt(String option, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + " must be a positive whole number, not " + value);
  }

  private static double nonNegative(String option, String value) {
    try {
      double n = Double.parseDouble(value);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + " must be a number >= 0, not " + value);
  }
}
