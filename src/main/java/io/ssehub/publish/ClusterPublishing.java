package io.ssehub.publish;

import io.ssehub.cluster.HubCluster;
import io.ssehub.config.PublishConfig;
import io.ssehub.event.Event;
import io.ssehub.event.EventCopies;
import io.ssehub.event.EventCopiesCodec;
import io.ssehub.event.Topic;
import io.ssehub.history.HistorySnapshot;
import io.ssehub.history.HistorySnapshotCodec;
import io.ssehub.metrics.HubMetrics;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Publishing in a cluster, over the clustered event bus. The leader sequences: it registers {@value #SEQUENCE} and
 * publishes what it receives there, or from its own sources, through its {@link Publisher}; the other nodes send it
 * their publishes. Every node registers {@value #FEED}, where the leader sends each event it sequenced, and applies
 * them in order to its own history and streams. A node that joins first copies the leader's history
 * ({@value #HISTORY}), holding the feed's events meanwhile, so that it replays what the others do. Three
 * registrations with the cluster for the leader, one for every other node, whatever the topics and the
 * connections: each event crosses the cluster once per node.
 */
public final class ClusterPublishing implements Publisher.Cluster {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterPublishing.class);

  /** Where the leader takes the other nodes' publishes (request-reply: the event's id, or a failure). */
  public static final String SEQUENCE = "ssehub.cluster.sequence";
  /** Where every node takes the events the leader sequenced. */
  public static final String FEED = "ssehub.cluster.feed";
  /** Where the leader gives a joining node its history after a sequence number (a {@link HistorySnapshot}). */
  public static final String HISTORY = "ssehub.cluster.history";
  /** Feed events a joining node holds while it copies the leader's history; past it, it asks again. */
  static final int MAX_BUFFERED_WHILE_JOINING = 100_000;
  /** How many times a joining node asks for history before it gives up and serves with what it has. */
  static final int HISTORY_ATTEMPTS = 3;
  /** How long a node waits for the leader's answer before the publish fails with 503. */
  static final long FORWARD_TIMEOUT_MILLIS = 10_000;

  private final EventBus eventBus;
  private final Publisher publisher;
  private final PublishConfig limits;
  private final HubMetrics metrics;
  private final Clock clock;
  private final DeliveryOptions forwarding = new DeliveryOptions().setSendTimeout(FORWARD_TIMEOUT_MILLIS);
  private final DeliveryOptions historyRequest = new DeliveryOptions().setSendTimeout(3 * FORWARD_TIMEOUT_MILLIS);
  private MessageConsumer<Object> sequencer;
  private MessageConsumer<Long> historyServer;
  private MessageConsumer<EventCopies> feed;
  /** The feed's events that arrive while this node copies the leader's history; null once it has. */
  private ArrayDeque<EventCopies> joining;
  private boolean joiningOverflowed;

  /** @param metrics where the feed's delay is recorded, measured on {@code clock} */
  public ClusterPublishing(EventBus eventBus, Publisher publisher, PublishConfig limits, HubMetrics metrics,
                           Clock clock) {
    this.eventBus = eventBus;
    this.publisher = publisher;
    this.limits = limits;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * Takes part in the cluster's publishing, sequencing while {@code cluster} says this node leads. Call it on the
   * main verticle's context, before the hub serves.
   *
   * @return completes once this node's registrations are known to the cluster
   */
  public Future<Void> start(HubCluster cluster) {
    eventBus.registerDefaultCodec(EventCopies.class, new EventCopiesCodec());
    eventBus.registerDefaultCodec(HistorySnapshot.class, new HistorySnapshotCodec());
    joining = cluster.leader() ? null : new ArrayDeque<>();
    feed = eventBus.consumer(FEED, message -> received(message.body()));
    publisher.joinCluster(this);
    cluster.watchLeadership(leads -> {
      publisher.sequencing(leads);
      if (leads && sequencer == null) {
        sequencer = eventBus.consumer(SEQUENCE, message -> PublishBusApi.handle(message, publisher, limits));
        historyServer = eventBus.consumer(HISTORY, message -> message.reply(publisher.historySnapshot(message.body())));
      } else if (!leads && sequencer != null) {
        sequencer.unregister();
        historyServer.unregister();
        sequencer = null;
        historyServer = null;
      }
    });
    Future<Void> registered = sequencer == null ? feed.completion()
        : Future.all(feed.completion(), sequencer.completion(), historyServer.completion()).mapEmpty();
    return joining == null ? registered
        : registered.compose(v -> copyHistory(HISTORY_ATTEMPTS)).andThen(copied -> applyHeld());
  }

  /** An event of the feed: applied, or held while this node copies the leader's history. */
  private void received(EventCopies event) {
    if (joining == null) {
      apply(event);
    } else if (joining.size() < MAX_BUFFERED_WHILE_JOINING) {
      joining.add(event);
    } else {
      joiningOverflowed = true;
    }
  }

  private void apply(EventCopies event) {
    if (publisher.applyReplicated(event.prevSeq(), event.copies())) {
      metrics.fedAfter(clock.millis() - event.copies().get(0).publishedAtMillis());
    }
  }

  /**
   * Copies the leader's history after what this node holds. When the feed's events held meanwhile do not follow on
   * from the copy (the leader published some before it sent this node the feed), it asks again for the rest.
   */
  private Future<Void> copyHistory(int attempts) {
    return eventBus.<HistorySnapshot>request(HISTORY, publisher.lastApplied(), historyRequest)
        .compose(reply -> {
          HistorySnapshot snapshot = reply.body();
          long last = publisher.restoreHistory(snapshot);
          while (!joining.isEmpty() && joining.peekFirst().copies().get(0).seq() <= last) {
            joining.pollFirst();
          }
          EventCopies next = joining.peekFirst();
          boolean gap = joiningOverflowed || next != null && next.prevSeq() != last;
          if (gap && attempts > 1) {
            joiningOverflowed = false;
            return copyHistory(attempts - 1);
          }
          LOG.info("Copied the cluster's history from its leader: {} event(s), up to sequence number {}",
              snapshot.events().size(), last);
          return Future.<Void>succeededFuture();
        })
        .recover(failure -> {
          LOG.warn("Could not copy the cluster's history from its leader ({}): replays from before this node joined"
              + " are reported incomplete", failure.getMessage());
          return Future.succeededFuture();
        });
  }

  /** Applies the feed's events held while this node copied history, and the next ones as they come. */
  private void applyHeld() {
    ArrayDeque<EventCopies> held = joining;
    joining = null;
    held.forEach(this::apply);
  }

  /** Unregisters the codecs; the consumers go with the main verticle. */
  public void stop() {
    eventBus.unregisterDefaultCodec(EventCopies.class);
    eventBus.unregisterDefaultCodec(HistorySnapshot.class);
  }

  @Override
  public void replicate(long prevSeq, List<Event> copies) {
    eventBus.publish(FEED, new EventCopies(prevSeq, copies));
  }

  @Override
  public Future<String> forward(PublishRequest request) {
    return eventBus.<String>request(SEQUENCE, toJson(request), forwarding)
        .recover(failure -> Future.failedFuture(asPublishException(failure)))
        .map(reply -> reply.body());
  }

  /** The leader's refusal as it gave it; anything else (no leader, no answer) as 503. */
  private static PublishException asPublishException(Throwable failure) {
    if (failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
      return new PublishException(reply.failureCode(), reply.getMessage());
    }
    return new PublishException(503, "The cluster's sequencing node (its leader) did not take the event: "
        + failure.getMessage() + "; retry (a leader change takes Hazelcast's failure detection time)");
  }

  static JsonObject toJson(PublishRequest request) {
    JsonArray topics = new JsonArray();
    for (Topic topic : request.topics()) {
      topics.add(topic.name());
    }
    JsonObject json = new JsonObject().put("topics", topics).put("data", request.data());
    if (request.id() != null) {
      json.put("id", request.id());
    }
    if (request.type() != null) {
      json.put("type", request.type());
    }
    if (request.retry() != null) {
      json.put("retry", request.retry());
    }
    if (request.privateUpdate()) {
      json.put("private", true);
    }
    return json;
  }
}
