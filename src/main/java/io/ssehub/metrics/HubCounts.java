package io.ssehub.metrics;

import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Where {@link HubMetrics} reads the counts the hub keeps anyway, at scrape time: the metrics know nothing of the
 * classes that keep them, so any layer may record into the metrics without a cycle.
 *
 * @param connections        open SSE streams
 * @param subscriptions      subscriptions of open streams, over all topics
 * @param published          events published (an event on two topics counts twice)
 * @param delivered          events written to streams, replayed ones excluded
 * @param slowClientsDropped streams closed because the client could not keep up
 * @param replays            subscriptions that received events from history
 * @param replayedEvents     events sent from history
 */
public record HubCounts(IntSupplier connections, IntSupplier subscriptions, LongSupplier published,
                        LongSupplier delivered, LongSupplier slowClientsDropped, LongSupplier replays,
                        LongSupplier replayedEvents) {
}
