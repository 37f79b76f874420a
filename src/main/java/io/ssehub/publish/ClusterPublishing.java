package io.ssehub.publish;

import io.ssehub.cluster.HubCluster;
import io.ssehub.config.PublishConfig;
import io.ssehub.event.Event;
import io.ssehub.event.EventCopies;
import io.ssehub.event.EventCopiesCodec;
import io.ssehub.event.Topic;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Publishing in a cluster, over the clustered event bus. The leader sequences: it registers {@value #SEQUENCE} and
 * publishes what it receives there, or from its own sources, through its {@link Publisher}; the other nodes send it
 * their publishes. Every node registers {@value #FEED}, where the leader sends each event it sequenced, and applies
 * them in order to its own history and streams. Two registrations with the cluster at most, whatever the topics
 * and the connections: each event crosses the cluster once per node.
 */
public final class ClusterPublishing implements Publisher.Cluster {

  /** Where the leader takes the other nodes' publishes (request-reply: the event's id, or a failure). */
  public static final String SEQUENCE = "ssehub.cluster.sequence";
  /** Where every node takes the events the leader sequenced. */
  public static final String FEED = "ssehub.cluster.feed";
  /** How long a node waits for the leader's answer before the publish fails with 503. */
  static final long FORWARD_TIMEOUT_MILLIS = 10_000;

  private final EventBus eventBus;
  private final Publisher publisher;
  private final PublishConfig limits;
  private final DeliveryOptions forwarding = new DeliveryOptions().setSendTimeout(FORWARD_TIMEOUT_MILLIS);
  private MessageConsumer<Object> sequencer;
  private MessageConsumer<EventCopies> feed;

  public ClusterPublishing(EventBus eventBus, Publisher publisher, PublishConfig limits) {
    this.eventBus = eventBus;
    this.publisher = publisher;
    this.limits = limits;
  }

  /**
   * Takes part in the cluster's publishing, sequencing while {@code cluster} says this node leads. Call it on the
   * main verticle's context, before the hub serves.
   *
   * @return completes once this node's registrations are known to the cluster
   */
  public Future<Void> start(HubCluster cluster) {
    eventBus.registerDefaultCodec(EventCopies.class, new EventCopiesCodec());
    feed = eventBus.consumer(FEED, message -> publisher.applyReplicated(message.body().prevSeq(),
        message.body().copies()));
    publisher.joinCluster(this);
    Future<Void> registered = feed.completion();
    cluster.watchLeadership(leads -> {
      publisher.sequencing(leads);
      if (leads && sequencer == null) {
        sequencer = eventBus.consumer(SEQUENCE, message -> PublishBusApi.handle(message, publisher, limits));
      } else if (!leads && sequencer != null) {
        sequencer.unregister();
        sequencer = null;
      }
    });
    return sequencer == null ? registered : Future.all(registered, sequencer.completion()).mapEmpty();
  }

  /** Unregisters; the codec goes with the main verticle. */
  public void stop() {
    eventBus.unregisterDefaultCodec(EventCopies.class);
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
    return json;
  }
}
