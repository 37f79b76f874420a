package io.ssehub.bench;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BenchOptionsTest {

  @Test
  void readsEveryOption() {
    BenchOptions options = BenchOptions.parse("--url", "http://127.0.0.1:1/sse?topics=a", "--clients", "5",
        "--ramp", "1.5", "--seconds", "3", "--publish-url", "http://127.0.0.1:1/pub?id=a", "--rate", "0",
        "--body", "{seq} {ts}", "--content-type", "text/plain", "--concurrency", "2", "--drain", "0",
        "--warmup", "2.5", "--pid", "42", "--pid", "43", "--source-hosts", "127.0.0.1,127.0.0.2", "--label", "x");
    assertEquals(URI.create("http://127.0.0.1:1/sse?topics=a"), options.url());
    assertEquals(5, options.clients());
    assertEquals(1.5, options.rampSeconds());
    assertEquals(0, options.publishRate());
    assertEquals("{seq} {ts}", options.publishBody());
    assertEquals(2.5, options.warmupSeconds());
    assertEquals(List.of(42, 43), options.pids());
    assertEquals(List.of("127.0.0.1", "127.0.0.2"), options.sourceHosts());
  }

  @Test
  void refusesWithAReason() {
    assertEquals("--url is required", assertThrows(IllegalArgumentException.class, BenchOptions::parse).getMessage());
    assertEquals("--clients must be a positive whole number, not 0", assertThrows(IllegalArgumentException.class,
        () -> BenchOptions.parse("--url", "http://x/", "--clients", "0")).getMessage());
    assertEquals(0, BenchOptions.parse("--url", "http://x/").warmupSeconds(), "no warm-up unless asked");
    assertEquals("unknown option --bogus", assertThrows(IllegalArgumentException.class,
        () -> BenchOptions.parse("--bogus", "1")).getMessage());
  }
}
