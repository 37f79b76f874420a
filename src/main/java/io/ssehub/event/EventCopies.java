package io.ssehub.event;

import java.util.List;

/**
 * The copies of one event, one per topic it was published to, in the publisher's order: what the cluster's
 * sequencing node sends every other node, so that each applies a whole event at once.
 */
public record EventCopies(List<Event> copies) {

  public EventCopies {
    if (copies.isEmpty()) {
      throw new IllegalArgumentException("an event has at least one copy");
    }
    copies = List.copyOf(copies);
  }
}
