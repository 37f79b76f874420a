package io.ssehub.config;

import java.util.Set;

/**
 * The {@code sse} section: how streams behave.
 *
 * @param retryMillis                 reconnection delay sent to every client in the first {@code retry:} line
 * @param maxTopicsPerConnection      most distinct topics one {@code /sse} request may ask for
 * @param maxQueuedBytesPerConnection bytes that may wait for a client that does not read; past that the client is
 *                                    dropped, so a stalled client never grows the heap
 * @param heartbeatSeconds            write a comment when nothing was written for this long; 0 disables
 * @param maxConnectionLifetimeSeconds end a stream cleanly after this long (less up to 10% of jitter), so that
 *                                    clients reconnect, resume, and spread over the servers; 0 never does
 * @param maxLagSeconds               a client whose live events reach it later than this after their publication
 *                                    is dropped as slow; this bounds the deliveries waiting in the server when
 *                                    clients, or the server itself, cannot keep up; 0 never drops for lag
 * @param maxConnections              open streams the server holds at most; one more gets 503
 * @param maxConnectionsPerIp         open streams one client address may hold; one more gets 429; 0 no limit
 */
public record SseConfig(int retryMillis, int maxTopicsPerConnection, int maxQueuedBytesPerConnection,
                        int heartbeatSeconds, int maxConnectionLifetimeSeconds, int maxLagSeconds,
                        int maxConnections, int maxConnectionsPerIp) {

  public static final int DEFAULT_RETRY_MILLIS = 2000;
  public static final int DEFAULT_MAX_TOPICS_PER_CONNECTION = 64;
  public static final int DEFAULT_MAX_QUEUED_BYTES_PER_CONNECTION = 1_048_576;
  public static final int DEFAULT_HEARTBEAT_SECONDS = 15;
  public static final int MAX_HEARTBEAT_SECONDS = 3600;
  public static final int MAX_LIFETIME_SECONDS = 7 * 86_400;
  public static final int DEFAULT_MAX_LAG_SECONDS = 5;
  public static final int MAX_RETRY_MILLIS = 86_400_000;
  public static final int MAX_TOPICS_LIMIT = 4096;
  public static final int MIN_QUEUED_BYTES = 1024;
  public static final int MAX_QUEUED_BYTES = 1 << 30;
  public static final int DEFAULT_MAX_CONNECTIONS = 50_000;
  public static final int MAX_CONNECTIONS_LIMIT = 1_000_000;

  static final Set<String> KEYS = Set.of("retryMillis", "maxTopicsPerConnection", "maxQueuedBytesPerConnection",
      "heartbeatSeconds", "maxConnectionLifetimeSeconds", "maxLagSeconds", "maxConnections", "maxConnectionsPerIp");

  /** Every key at its default. */
  public static SseConfig defaults() {
    return read(ConfigSection.empty());
  }

  static SseConfig read(ConfigSection section) {
    return new SseConfig(
        section.integer("retryMillis", DEFAULT_RETRY_MILLIS, 0, MAX_RETRY_MILLIS),
        section.integer("maxTopicsPerConnection", DEFAULT_MAX_TOPICS_PER_CONNECTION, 1, MAX_TOPICS_LIMIT),
        section.integer("maxQueuedBytesPerConnection", DEFAULT_MAX_QUEUED_BYTES_PER_CONNECTION, MIN_QUEUED_BYTES,
            MAX_QUEUED_BYTES),
        section.integer("heartbeatSeconds", DEFAULT_HEARTBEAT_SECONDS, 0, MAX_HEARTBEAT_SECONDS),
        section.integer("maxConnectionLifetimeSeconds", 0, 0, MAX_LIFETIME_SECONDS),
        section.integer("maxLagSeconds", DEFAULT_MAX_LAG_SECONDS, 0, 3600),
        section.integer("maxConnections", DEFAULT_MAX_CONNECTIONS, 1, MAX_CONNECTIONS_LIMIT),
        section.integer("maxConnectionsPerIp", 0, 0, MAX_CONNECTIONS_LIMIT));
  }
}
