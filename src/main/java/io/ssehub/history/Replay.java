package io.ssehub.history;

import io.ssehub.event.Event;
import io.ssehub.event.EventIds;

import java.util.List;

/**
 * What a new subscription receives from history before live events, and what it is told about it.
 *
 * @param requested   whether the client asked to resume (a Last-Event-ID was given)
 * @param events      retained events to send first, in publish order
 * @param complete    true when {@code events} are all the events of the subscription's topics published after the
 *                    client's position; false when some are lost (see {@code reason})
 * @param reason      why replay is incomplete: {@link #UNKNOWN_ID}, {@link #TOO_OLD}, {@link #RESTARTED},
 *                    {@link #TRUNCATED}, {@link #DISABLED}; null when complete
 * @param oldestId    the id of the oldest event retained for these topics, or null when none is
 * @param resumedFrom the id of the last event before the first one this stream sends, or {@code earliest} when
 *                    that is unknown: the {@code Last-Event-ID} response header
 */
public record Replay(boolean requested, List<Event> events, boolean complete, String reason, String oldestId,
                     String resumedFrom) {

  /** The id is not in history and is not one this hub generated. */
  public static final String UNKNOWN_ID = "unknown-id";
  /** Events after the id were evicted (by count, age, size, or with their topic). */
  public static final String TOO_OLD = "too-old";
  /** The id is from an earlier run of the hub; history does not survive a restart. */
  public static final String RESTARTED = "restarted";
  /** More events were missed than {@code history.maxReplayEvents}; only the newest are replayed. */
  public static final String TRUNCATED = "truncated";
  /** History is disabled in the configuration. */
  public static final String DISABLED = "disabled";

  public Replay {
    events = List.copyOf(events);
  }

  /**
   * This replay, incomplete: the scan of history for a subscription's patterns gave up on some topics for want of
   * budget, so events of theirs may be missing ({@link #TRUNCATED}).
   */
  public Replay cutShort() {
    return complete ? new Replay(requested, events, false, TRUNCATED, oldestId, EventIds.EARLIEST) : this;
  }
}
