package io.ssehub.config;

import java.util.Set;

/**
 * The {@code metrics} section: {@code GET /metrics} in Prometheus format.
 *
 * @param enabled  serve {@code /metrics}: ssehub's own meters, and Vert.x's HTTP, TCP and pool metrics
 * @param eventBus add Vert.x's event-bus metrics; they cost a few counter updates per delivered event, on the hot
 *                 path (about 1% of the CPU per delivery, {@code docs/benchmarks.md})
 * @param jvm      add JVM metrics (memory, GC, threads), read at scrape time
 */
public record MetricsConfig(boolean enabled, boolean eventBus, boolean jvm) {

  static final Set<String> KEYS = Set.of("enabled", "eventBus", "jvm");

  /** Every key at its default. */
  public static MetricsConfig defaults() {
    return read(ConfigSection.empty());
  }

  static MetricsConfig read(ConfigSection section) {
    return new MetricsConfig(section.bool("enabled", true), section.bool("eventBus", true),
        section.bool("jvm", true));
  }
}
