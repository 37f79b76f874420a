package io.ssehub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * CPU time and resident memory of a process at one moment: CPU from the JDK's process API, RSS from
 * {@code /proc/<pid>/status} (Linux).
 *
 * @param pid      the process
 * @param cpuNanos user plus system CPU time so far, or -1 when unknown
 * @param rssKiB   resident set size, or -1 when unknown
 */
record ProcessSample(long pid, long cpuNanos, long rssKiB) {

  static ProcessSample of(long pid) {
    long cpu = ProcessHandle.of(pid).flatMap(handle -> handle.info().totalCpuDuration())
        .map(Duration::toNanos).orElse(-1L);
    return new ProcessSample(pid, cpu, rss(pid));
  }

  private static long rss(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
