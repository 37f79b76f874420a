package io.ssehub.sse;



/** What an {@link SseConnection} asks of the streams of its event loop, which own its subscriptions. */
interface StreamOwner {

  /** The hub's clock, which stamped the events. */
  long nowMillis();

  /** The heartbeat tick in progress (one a second). */
  long tick();

  /**
   * Adds the connection to its topics' fan-outs on this loop, and to the loop's fan-out of every event when it matches
   * by pattern; from now on it receives their events.
   */
  void subscribe(SseConnection connection, StreamRequest request);

  /**
   * The connection ended: its topics' subscriptions go, if it had them, and its admission for {@code address} is
   * released.
   */
  void closed(SseConnection connection, boolean subscribed, String address);

  /** Events sent from history on opening. */
  void replayed(int events);

  /** The client could not keep up and was dropped. */
  void droppedSlow();
}
