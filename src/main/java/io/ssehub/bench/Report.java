package io.ssehub.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds the load tool's report: one JSON object, and a table for people. */
final class Report {

  private Report() {
  }

  static JsonObject build(BenchOptions options, List<Subscriber.Counts> counts, Map<String, Integer> connectErrors,
                          RatePublisher publisher, LatencyHistogram latency, double window, double measured,
                          List<ProcessSample> before, List<ProcessSample> after) {
    long[] perClient = counts.stream().filter(Subscriber.Counts::connected).mapToLong(Subscriber.Counts::received)
        .sorted().toArray();
    long connected = perClient.length;
    long received = Arrays.stream(perClient).sum();
    long inWindow = counts.stream().mapToLong(Subscriber.Counts::receivedInWindow).sum();
    long disconnects = counts.stream().filter(Subscriber.Counts::disconnected).count();
    JsonObject report = new JsonObject()
        .put("label", options.label())
        .put("url", options.url().toString())
        .put("clients", options.clients())
        .put("connected", connected)
        .put("connectErrors", connectErrors.values().stream().mapToInt(Integer::intValue).sum())
        .put("connectErrorReasons", new JsonObject(new TreeMap<String, Object>(connectErrors)))
        .put("disconnects", disconnects)
        .put("windowSeconds", round(window))
        .put("deliveries", received + counts.stream().mapToLong(Subscriber.Counts::other).sum())
        .put("deliveriesPerSecond", Math.round(inWindow / window))
        .put("perClient", new JsonObject()
            .put("min", perClient.length == 0 ? 0 : perClient[0])
            .put("median", perClient.length == 0 ? 0 : perClient[perClient.length / 2])
            .put("max", perClient.length == 0 ? 0 : perClient[perClient.length - 1]))
        .put("otherEvents", counts.stream().mapToLong(Subscriber.Counts::other).sum())
        .put("warmupEvents", counts.stream().mapToLong(Subscriber.Counts::warmup).sum())
        .put("comments", counts.stream().mapToLong(Subscriber.Counts::comments).sum())
        .put("outOfOrder", counts.stream().mapToLong(Subscriber.Counts::outOfOrder).sum());
    if (publisher != null) {
      long expected = publisher.accepted() * connected;
      report.put("published", publisher.accepted())
          .put("publishErrors", publisher.failed())
          .put("publishRate", Math.round(publisher.accepted() / window))
          .put("expected", expected)
          .put("received", received)
          .put("missing", Math.max(0, expected - received));
    }
    report.put("latencyMicros", new JsonObject()
        .put("samples", latency.count())
        .put("p50", latency.quantile(0.50))
        .put("p90", latency.quantile(0.90))
        .put("p99", latency.quantile(0.99))
        .put("max", latency.max()));
    JsonArray processes = new JsonArray();
    long deliveries = report.getLong("deliveries");
    for (int i = 0; i < after.size(); i++) {
      ProcessSample start = before.get(i);
      ProcessSample end = after.get(i);
      double cpuSeconds = (end.cpuNanos() - start.cpuNanos()) / 1e9;
      processes.add(new JsonObject()
          .put("pid", end.pid())
          .put("role", i == after.size() - 1 ? "load tool" : "server")
          .put("cpuSeconds", round(cpuSeconds))
          .put("cpuPercent", Math.round(cpuSeconds / measured * 100))
          .put("cpuMicrosPerDelivery", deliveries == 0 ? null : round(cpuSeconds * 1e6 / deliveries))
          .put("systemMicrosPerDelivery", deliveries == 0 || start.systemTicks() < 0 || end.systemTicks() < 0 ? null
              : round((end.systemTicks() - start.systemTicks()) / ProcessSample.TICKS_PER_SECOND * 1e6 / deliveries))
          .put("rssKiB", end.rssKiB())
          .put("rssDeltaKiB", end.rssKiB() - start.rssKiB()));
    }
    report.put("processes", processes);
    if (after.size() > 1) {
      report.put("serverTotal", serverTotal(before, after, measured, deliveries));
    }
    return report;
  }

  /**
   * The server processes (every {@code --pid}) taken together: a server made of several processes (Pushpin's runner,
   * condure, zurl, proxy and handler) costs the sum of their CPU time. RSS is summed too, so pages shared between the
   * processes (libraries) count once per process; differences of it (RSS per idle connection) are not affected.
   */
  private static JsonObject serverTotal(List<ProcessSample> before, List<ProcessSample> after, double measured,
                                        long deliveries) {
    int servers = after.size() - 1;
    long cpuNanos = 0;
    long systemTicks = 0;
    boolean systemKnown = true;
    long rss = 0;
    long rssDelta = 0;
    for (int i = 0; i < servers; i++) {
      ProcessSample start = before.get(i);
      ProcessSample end = after.get(i);
      cpuNanos += end.cpuNanos() - start.cpuNanos();
      systemKnown &= start.systemTicks() >= 0 && end.systemTicks() >= 0;
      systemTicks += end.systemTicks() - start.systemTicks();
      rss += end.rssKiB();
      rssDelta += end.rssKiB() - start.rssKiB();
    }
    double cpuSeconds = cpuNanos / 1e9;
    return new JsonObject()
        .put("processes", servers)
        .put("cpuSeconds", round(cpuSeconds))
        .put("cpuPercent", Math.round(cpuSeconds / measured * 100))
        .put("cpuMicrosPerDelivery", deliveries == 0 ? null : round(cpuSeconds * 1e6 / deliveries))
        .put("systemMicrosPerDelivery", deliveries == 0 || !systemKnown ? null
            : round(systemTicks / ProcessSample.TICKS_PER_SECOND * 1e6 / deliveries))
        .put("rssKiB", rss)
        .put("rssDeltaKiB", rssDelta);
  }

  static String table(JsonObject r) {
    StringBuilder out = new StringBuilder();
    row(out, "run", r.getString("label"));
    row(out, "clients connected", r.getLong("connected") + " of " + r.getInteger("clients")
        + " (errors " + r.getInteger("connectErrors") + ", disconnects " + r.getLong("disconnects") + ")");
    JsonObject reasons = r.getJsonObject("connectErrorReasons");
    if (reasons != null && !reasons.isEmpty()) {
      row(out, "connect errors", String.join(", ", reasons.stream().map(e -> e.getKey() + ": " + e.getValue())
          .toList()));
    }
    if (r.containsKey("published")) {
      row(out, "published", r.getLong("published") + " (" + r.getLong("publishRate") + "/s, errors "
          + r.getLong("publishErrors") + ")");
      row(out, "expected / received", r.getLong("expected") + " / " + r.getLong("received") + " (missing "
          + r.getLong("missing") + ")");
    }
    row(out, "deliveries/s (window)", String.valueOf(r.getLong("deliveriesPerSecond")));
    JsonObject per = r.getJsonObject("perClient");
    row(out, "per client min/median/max", per.getLong("min") + " / " + per.getLong("median") + " / "
        + per.getLong("max"));
    JsonObject latency = r.getJsonObject("latencyMicros");
    row(out, "latency p50/p90/p99/max", ms(latency.getLong("p50")) + " / " + ms(latency.getLong("p90")) + " / "
        + ms(latency.getLong("p99")) + " / " + ms(latency.getLong("max")) + " ms");
    for (Object item : r.getJsonArray("processes")) {
      JsonObject p = (JsonObject) item;
      row(out, p.getString("role") + " " + p.getLong("pid"), p.getDouble("cpuSeconds") + " s CPU ("
          + p.getLong("cpuPercent") + "%), " + p.getValue("cpuMicrosPerDelivery") + " µs/delivery, RSS "
          + p.getLong("rssKiB") + " KiB (delta " + p.getLong("rssDeltaKiB") + ")");
    }
    JsonObject total = r.getJsonObject("serverTotal");
    if (total != null && total.getInteger("processes") > 1) {
      row(out, "server total, " + total.getInteger("processes") + " pids", total.getDouble("cpuSeconds")
          + " s CPU (" + total.getLong("cpuPercent") + "%), " + total.getValue("cpuMicrosPerDelivery")
          + " µs/delivery, RSS " + total.getLong("rssKiB") + " KiB (delta " + total.getLong("rssDeltaKiB") + ")");
    }
    return out.toString();
  }

  private static void row(StringBuilder out, String name, String value) {
    out.append(String.format("%-28s %s%n", name, value));
  }

  private static String ms(long micros) {
    return String.format("%.1f", micros / 1000.0);
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
