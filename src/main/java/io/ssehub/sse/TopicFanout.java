package io.ssehub.sse;

import io.ssehub.event.Event;
import io.ssehub.event.Topic;
import io.vertx.core.eventbus.MessageConsumer;

import java.util.Arrays;

/**
 * One topic's subscribers on one event loop, and the one event-bus consumer that feeds them: registered with the
 * loop's first subscriber of the topic, unregistered with its last. The loop's streams that match topics by pattern
 * share one more, with no topic, fed every event. Subscribers sit in an array, so that a pass is a
 * plain loop; a removal moves the last one into the gap, which the moved connection is told of, so that removing any
 * subscriber costs the same whatever the count.
 */
final class TopicFanout {

  /** The topic, or null for the fan-out of every event. */
  final Topic topic;
  MessageConsumer<Event> consumer;
  private SseConnection[] connections = new SseConnection[4];
  private int size;

  TopicFanout(Topic topic) {
    this.topic = topic;
  }

  int size() {
    return size;
  }

  SseConnection get(int index) {
    return connections[index];
  }

  /** Adds a subscriber; returns its place. */
  int add(SseConnection connection) {
    if (size == connections.length) {
      connections = Arrays.copyOf(connections, size * 2);
    }
    connections[size] = connection;
    return size++;
  }

  /** Removes the subscriber at {@code index}; the last one takes its place and learns its new place. */
  void removeAt(int index) {
    size--;
    if (index != size) {
      SseConnection moved = connections[size];
      connections[index] = moved;
      moved.movedTo(this, index);
    }
    connections[size] = null;
  }
}
