package io.ssehub.sse;

import io.ssehub.history.Replay;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * The in-stream account of a replay, sent after the replayed events whenever a client resumes: an event of the
 * reserved type {@value #TYPE}, without an id (so the client's last event id does not move), whose data is a JSON
 * object: {@code lastEventId} (what the client sent), {@code replayed}, {@code complete}, and when incomplete
 * {@code reason} and {@code oldestId}. Publishers cannot use the {@code ssehub-} types, so clients can trust it.
 */
final class ReplaySignal {

  static final String TYPE = "ssehub-replay";

  private ReplaySignal() {
  }

  static Buffer encode(String lastEventId, Replay replay) {
    JsonObject data = new JsonObject()
        .put("lastEventId", lastEventId)
        .put("replayed", replay.events().size())
        .put("complete", replay.complete());
    if (!replay.complete()) {
      data.put("reason", replay.reason());
      data.put("oldestId", replay.oldestId());
    }
    return SseEncoder.event(null, TYPE, null, data.encode());
  }
}
