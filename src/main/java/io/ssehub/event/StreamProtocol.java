package io.ssehub.event;

import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * What goes on an SSE stream, in one place: the response headers, the opening block, the frames of events (built by
 * {@link Event} with {@link SseEncoder}), the heartbeat and the replay signal. Changing the wire means changing this
 * file and the encoder beside it; the stream code only writes what these give it.
 */
public final class StreamProtocol {

  /** The response headers of every stream: the type, no caching, and no buffering in nginx in front of the hub. */
  public static final Map<String, String> HEADERS = Map.of(
      "Content-Type", "text/event-stream; charset=utf-8",
      "Cache-Control", "no-cache",
      "X-Accel-Buffering", "no");
  /**
   * The response header naming the last event before the first one the stream sends ({@link EventIds#EARLIEST} when
   * that is unknown), so a resuming client can tell whether it missed anything without reading the stream.
   */
  public static final String RESUMED_FROM_HEADER = "Last-Event-ID";
  /** Event types starting with this are the hub's own signals, which clients must be able to trust. */
  public static final String RESERVED_TYPE_PREFIX = "ssehub-";
  /** The type of the replay signal. */
  public static final String REPLAY_SIGNAL_TYPE = RESERVED_TYPE_PREFIX + "replay";
  /** The comment written on a stream idle for {@code sse.heartbeatSeconds}; {@code EventSource} ignores it. */
  public static final Frame HEARTBEAT = SseEncoder.comment("heartbeat");

  private StreamProtocol() {
  }

  /**
   * The response headers of a Mercure stream: as {@link #HEADERS}, with the stronger no-caching the Mercure spec
   * asks for, so that no cache in between keeps a private update.
   */
  public static final Map<String, String> MERCURE_HEADERS = Map.of(
      "Content-Type", "text/event-stream; charset=utf-8",
      "Cache-Control", "private, no-cache, no-store, must-revalidate, max-age=0",
      "X-Accel-Buffering", "no");
  /** The Mercure name of {@link #RESUMED_FROM_HEADER}. */
  public static final String MERCURE_RESUMED_FROM_HEADER = "Mercure-Last-Event-ID";
  /**
   * A Mercure stream: it opens with an empty comment, which flushes the headers through proxies without telling the
   * client anything, and reports a resumption in its {@value #MERCURE_RESUMED_FROM_HEADER} header only.
   */
  public static final StreamStyle MERCURE = new StreamStyle(MERCURE_HEADERS, SseEncoder.comment(""),
      MERCURE_RESUMED_FROM_HEADER, false);

  /** The first bytes of every stream, written at once so that proxies pass the headers: the reconnection delay. */
  public static Frame opening(long retryMillis) {
    return SseEncoder.retry(retryMillis);
  }

  /** An ssehub stream ({@code /sse}): it opens with the reconnection delay and signals replays in the stream. */
  public static StreamStyle ssehub(long retryMillis) {
    return new StreamStyle(HEADERS, opening(retryMillis), RESUMED_FROM_HEADER, true);
  }

  /**
   * The in-stream account of a replay, sent after the replayed events whenever a client resumes: an event of type
   * {@value #REPLAY_SIGNAL_TYPE} without an id (so the client's last event id does not move), whose data is a JSON
   * object: {@code lastEventId} (what the client sent), {@code replayed}, {@code complete}, and when incomplete
   * {@code reason} and {@code oldestId}. Publishers cannot use the reserved types, so clients can trust it.
   */
  public static Frame replaySignal(String lastEventId, int replayed, boolean complete, String reason,
                                    String oldestId) {
    JsonObject data = new JsonObject()
        .put("lastEventId", lastEventId)
        .put("replayed", replayed)
        .put("complete", complete);
    if (!complete) {
      data.put("reason", reason);
      data.put("oldestId", oldestId);
    }
    return SseEncoder.event(null, REPLAY_SIGNAL_TYPE, null, data.encode());
  }
}
