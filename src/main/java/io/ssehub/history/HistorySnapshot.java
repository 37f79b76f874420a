package io.ssehub.history;

import io.ssehub.event.Event;

import java.util.List;
import java.util.Map;

/**
 * What a history holds after a sequence number, and what it knows of what it no longer holds: what a node joining a
 * cluster copies from the leader, so that it replays from any id as completely, and as honestly, as the leader would.
 *
 * @param lastSeq       the sequence number of the last event the history received
 * @param events        the retained events after the requested position, each as its copies (one per topic), in
 *                      sequence order
 * @param evictedUpTo   per topic, the highest sequence number it lost (topics retained and topics evicted whole)
 * @param forgottenUpTo the highest sequence number of evicted topics no longer listed
 * @param evictedIds    publisher-given ids of evicted events, with their sequence numbers, oldest first
 */
public record HistorySnapshot(long lastSeq, List<List<Event>> events, Map<String, Long> evictedUpTo,
                              long forgottenUpTo, Map<String, Long> evictedIds) {
}
