package io.ssehub.config;

import java.util.Set;

/**
 * The {@code publish} section.
 *
 * @param maxDataBytes      largest {@code data} of one event, in UTF-8 bytes; a larger publish gets 413
 * @param maxTopicsPerEvent most topics one publish may name
 * @param maxRequestsPerSecondPerIp publish requests one client address may make per second (a burst of as many is
 *                          allowed); more get 429; 0 no limit
 */
public record PublishConfig(int maxDataBytes, int maxTopicsPerEvent, int maxRequestsPerSecondPerIp) {

  public static final int DEFAULT_MAX_DATA_BYTES = 1 << 20;
  public static final int MAX_DATA_BYTES_LIMIT = 64 << 20;
  public static final int DEFAULT_MAX_TOPICS_PER_EVENT = 64;

  static final Set<String> KEYS = Set.of("maxDataBytes", "maxTopicsPerEvent", "maxRequestsPerSecondPerIp");

  /** Every key at its default. */
  public static PublishConfig defaults() {
    return read(ConfigSection.empty());
  }

  static PublishConfig read(ConfigSection section) {
    return new PublishConfig(section.integer("maxDataBytes", DEFAULT_MAX_DATA_BYTES, 1, MAX_DATA_BYTES_LIMIT),
        section.integer("maxTopicsPerEvent", DEFAULT_MAX_TOPICS_PER_EVENT, 1, 4096),
        section.integer("maxRequestsPerSecondPerIp", 0, 0, 1_000_000));
  }
}
