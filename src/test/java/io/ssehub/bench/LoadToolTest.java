package io.ssehub.bench;

import io.ssehub.support.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The load tool against the real hub: a small run whose counts must be exact (no timing is asserted). */
class LoadToolTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void countsEveryPublishedEventForEveryClient() throws Exception {
    JsonObject report = runAgainstHub();
    assertEquals(0, report.getLong("warmupEvents"));
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void leavesWarmUpEventsOutOfEveryCount() throws Exception {
    JsonObject report = runAgainstHub("--warmup", "0.5");
    assertTrue(report.getLong("warmupEvents") >= 20, "every client saw warm-up events: " + report.encode());
  }

  /**
   * A small run with exact counts: every published event reaches each of 20 clients once and in order, and no stream
   * ends early.
   */
  private JsonObject runAgainstHub(String... extraArgs) throws Exception {
    TestHub hub = TestHub.start(vertx).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    String base = "http://127.0.0.1:" + hub.port();
    List<String> args = new ArrayList<>(List.of("--url", base + "/sse?topics=bench", "--clients", "20",
        "--ramp", "0.2", "--seconds", "1", "--publish-url", base + "/publish", "--rate", "20", "--concurrency", "1",
        "--drain", "1", "--label", "test"));
    args.addAll(List.of(extraArgs));
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int code;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      code = LoadTool.run(args.toArray(String[]::new));
    } finally {
      System.setOut(stdout);
    }
    assertEquals(0, code);
    JsonObject report = new JsonObject(captured.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow());
    assertEquals(20, report.getLong("connected"));
    long published = report.getLong("published");
    assertTrue(published > 0, report.encode());
    assertEquals(published * 20, report.getLong("expected"));
    assertEquals(report.getLong("expected"), report.getLong("received"), report.encode());
    assertEquals(0, report.getLong("missing"));
    assertEquals(0, report.getLong("outOfOrder"), "one request in flight keeps publish order");
    assertEquals(0, report.getLong("otherEvents"));
    assertEquals(0, report.getLong("disconnects"), "the tool's own closing at the end is no disconnect");
    assertEquals(published, report.getJsonObject("perClient").getLong("min"));
    assertEquals(published * 20, report.getJsonObject("latencyMicros").getLong("samples"));
    JsonObject tool = report.getJsonArray("processes").getJsonObject(0);
    assertEquals("load tool", tool.getString("role"));
    double system = tool.getDouble("systemMicrosPerDelivery");
    assertTrue(system >= 0 && system <= tool.getDouble("cpuMicrosPerDelivery"), "system time is part of CPU time: "
        + tool.encode());
    return report;
  }
}
