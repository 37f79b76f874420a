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
 * @param systemTicks CPU time spent in the kernel so far, in clock ticks from {@code /proc/<pid>/stat}, or -1
 */
record ProcessSample(long pid, long cpuNanos, long rssKiB, long systemTicks) {

  /** Clock ticks per second of {@code /proc/<pid>/stat} (USER_HZ: 100 on Linux, whatever the kernel's HZ). */
  static final double TICKS_PER_SECOND = 100;

  static ProcessSample of(long pid) {
    long cpu = ProcessHandle.of(pid).flatMap(handle -> handle.info().totalCpuDuration())
        .map(Duration::toNanos).orElse(-1L);
    return new ProcessSample(pid, cpu, rss(pid), systemTicks(pid));
  }

  /** Field 15 of /proc/<pid>/stat (stime), counted after the command name, which may hold spaces. */
  private static long systemTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[12]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
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
