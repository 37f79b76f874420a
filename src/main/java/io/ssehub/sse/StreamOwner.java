package io.ssehub.sse;

import io.ssehub.event.Event;
import io.ssehub.event.Topic;

import java.util.List;

/** What an {@link SseConnection} reports to, and asks of, the streams of its event loop. */
interface StreamOwner {

  /** The hub's clock, which stamped the events. */
  long nowMillis();

  /** The heartbeat tick in progress (one a second). */
  long tick();

  /** The connection subscribed to its topics. */
  void opened(SseConnection connection, List<Topic> topics);

  /** The connection ended; its admission for {@code address} is to be released, and its topics if it had opened. */
  void closed(SseConnection connection, List<Topic> topics, boolean opened, String address);

  /** One live event written, at {@code nowMillis}. */
  void delivered(Event event, long nowMillis);

  /** Events sent from history on opening. */
  void replayed(int events);

  /** The client could not keep up and was dropped. */
  void droppedSlow();
}
