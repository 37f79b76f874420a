package io.ssehub.config;

import java.util.Set;

/**
 * The {@code history} section: what is kept for replay. Every bound applies at once; 0 in
 * {@code maxEventsPerTopic}, {@code maxAgeSeconds} or {@code maxBytes} disables history.
 *
 * @param maxEventsPerTopic newest events kept per topic
 * @param maxAgeSeconds     events older than this are evicted
 * @param maxTopics         topics with history; past it the least recently published topic is evicted whole
 * @param maxReplayEvents   most events one subscription replays; beyond, only the newest, and the client is told
 * @param maxBytes          estimated heap of all retained events; past it the oldest events go first
 */
public record HistoryConfig(int maxEventsPerTopic, int maxAgeSeconds, int maxTopics, int maxReplayEvents,
                            int maxBytes) {

  public static final int DEFAULT_MAX_EVENTS_PER_TOPIC = 1000;
  public static final int DEFAULT_MAX_AGE_SECONDS = 3600;
  public static final int DEFAULT_MAX_TOPICS = 10_000;
  public static final int DEFAULT_MAX_REPLAY_EVENTS = 10_000;
  public static final int DEFAULT_MAX_BYTES = 64 << 20;

  static final Set<String> KEYS = Set.of("maxEventsPerTopic", "maxAgeSeconds", "maxTopics", "maxReplayEvents",
      "maxBytes");

  /** Every key at its default. */
  public static HistoryConfig defaults() {
    return read(ConfigSection.empty());
  }

  public boolean enabled() {
    return maxEventsPerTopic > 0 && maxAgeSeconds > 0 && maxBytes > 0;
  }

  static HistoryConfig read(ConfigSection section) {
    return new HistoryConfig(
        section.integer("maxEventsPerTopic", DEFAULT_MAX_EVENTS_PER_TOPIC, 0, 1_000_000),
        section.integer("maxAgeSeconds", DEFAULT_MAX_AGE_SECONDS, 0, 30 * 86_400),
        section.integer("maxTopics", DEFAULT_MAX_TOPICS, 1, 1_000_000),
        section.integer("maxReplayEvents", DEFAULT_MAX_REPLAY_EVENTS, 1, 1_000_000),
        section.integer("maxBytes", DEFAULT_MAX_BYTES, 0, Integer.MAX_VALUE));
  }
}
