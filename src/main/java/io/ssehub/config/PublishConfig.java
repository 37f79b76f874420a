package io.ssehub.config;

import java.util.Set;

/**
 * The {@code publish} section.
 *
 * @param maxDataBytes      largest {@code data} of one event, in UTF-8 bytes; a larger publish gets 413
 * @param maxTopicsPerEvent most topics one publish may name
 */
public record PublishConfig(int maxDataBytes, int maxTopicsPerEvent) {

  public static final int DEFAULT_MAX_DATA_BYTES = 1 << 20;
  public static final int MAX_DATA_BYTES_LIMIT = 64 << 20;
  public static final int DEFAULT_MAX_TOPICS_PER_EVENT = 64;

  static final Set<String> KEYS = Set.of("maxDataBytes", "maxTopicsPerEvent");

  public static PublishConfig defaults() {
    return new PublishConfig(DEFAULT_MAX_DATA_BYTES, DEFAULT_MAX_TOPICS_PER_EVENT);
  }

  static PublishConfig read(ConfigSection section) {
    return new PublishConfig(section.integer("maxDataBytes", DEFAULT_MAX_DATA_BYTES, 1, MAX_DATA_BYTES_LIMIT),
        section.integer("maxTopicsPerEvent", DEFAULT_MAX_TOPICS_PER_EVENT, 1, 4096));
  }
}
