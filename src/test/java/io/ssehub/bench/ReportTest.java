package io.ssehub.bench;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report of a server made of several processes: its cost is their sum. */
class ReportTest {

  private static final List<Subscriber.Counts> COUNTS = List.of(
      new Subscriber.Counts(500, 500, 0, 0, 0, 0, true, false),
      new Subscriber.Counts(500, 500, 0, 0, 0, 0, true, false));

  @Test
  void sumsEveryServerProcess() {
    BenchOptions options = BenchOptions.parse("--url", "http://127.0.0.1:1/sub", "--pid", "11", "--pid", "12");
    List<ProcessSample> before = List.of(new ProcessSample(11, 1_000_000_000L, 1000, 10),
        new ProcessSample(12, 0, 2000, 0), new ProcessSample(99, 0, 5000, 0));
    List<ProcessSample> after = List.of(new ProcessSample(11, 1_500_000_000L, 1100, 30),
        new ProcessSample(12, 250_000_000L, 2300, 5), new ProcessSample(99, 100_000_000L, 5000, 1));

    JsonObject report = Report.build(options, COUNTS, Map.of(), null, new LatencyHistogram(), 1, 2, before,
        after);

    assertEquals(2, report.getJsonArray("processes").stream()
        .filter(p -> ((JsonObject) p).getString("role").equals("server")).count());
    JsonObject total = report.getJsonObject("serverTotal");
    assertEquals(2, total.getInteger("processes"));
    assertEquals(0.75, total.getDouble("cpuSeconds"));
    assertEquals(38, total.getLong("cpuPercent"), "0.75 s of CPU over a 2-second measurement");
    assertEquals(750.0, total.getDouble("cpuMicrosPerDelivery"), "0.75 s over 1,000 deliveries");
    assertEquals(250.0, total.getDouble("systemMicrosPerDelivery"), "25 ticks of 10 ms over 1,000 deliveries");
    assertEquals(3400, total.getLong("rssKiB"));
    assertEquals(400, total.getLong("rssDeltaKiB"));
    assertTrue(Report.table(report).contains("server total, 2 pids"), Report.table(report));
  }

  @Test
  void aSingleServerProcessIsItsOwnTotal() {
    BenchOptions options = BenchOptions.parse("--url", "http://127.0.0.1:1/sub", "--pid", "11");
    List<ProcessSample> before = List.of(new ProcessSample(11, 0, 1000, 0), new ProcessSample(99, 0, 5000, 0));
    List<ProcessSample> after = List.of(new ProcessSample(11, 500_000_000L, 1200, 10),
        new ProcessSample(99, 0, 5000, 0));

    JsonObject report = Report.build(options, COUNTS, Map.of("status 502", 3, "Connection refused", 1), null,
        new LatencyHistogram(), 1, 1, before, after);

    JsonObject server = report.getJsonArray("processes").getJsonObject(0);
    JsonObject total = report.getJsonObject("serverTotal");
    assertEquals(server.getDouble("cpuMicrosPerDelivery"), total.getDouble("cpuMicrosPerDelivery"));
    assertEquals(server.getLong("rssKiB"), total.getLong("rssKiB"));
    assertFalse(Report.table(report).contains("server total"), "no total row for one process");
    assertEquals(4, report.getInteger("connectErrors"));
    assertEquals(3, report.getJsonObject("connectErrorReasons").getInteger("status 502"));
    assertTrue(Report.table(report).contains("Connection refused: 1, status 502: 3"), Report.table(report));
  }
}
