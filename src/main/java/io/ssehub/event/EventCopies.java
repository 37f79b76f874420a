package io.ssehub.event;

import java.util.List;

/**
 * The copies of one event, one per topic it was published to, in the publisher's order: what the cluster's
 * sequencing node sends every other node, so that each applies a whole event at once.
 *
 * @param prevSeq the sequence number of the event the sequencing node published or applied before this one (0 for
 *                none), so that a node can tell when it missed some
 */
public record EventCopies(long prevSeq, List<Event> copies) {

  public EventCopies {
    if (copies.isEmpty()) {
      throw new IllegalArgumentException("an event has at least one copy");
    }
    copies = List.copyOf(copies);
  }
}
