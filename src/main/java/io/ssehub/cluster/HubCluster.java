package io.ssehub.cluster;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;

/**
 * This node's view of the hubs it serves with: itself alone ({@link #standalone()}), or a Hazelcast cluster. It
 * names the node, lists the members, and says whether this node leads, that is runs what must run once in the
 * cluster (the generators): the oldest member does, so that every member agrees without a vote, and the next
 * oldest takes over when it leaves or dies.
 */
public interface HubCluster {

  /** A hub on its own: it always leads. */
  static HubCluster standalone() {
    return Standalone.INSTANCE;
  }

  boolean clustered();

  /** This node's id in the cluster; {@code standalone} alone. */
  String nodeId();

  /**
   * When this cluster began, which names its event ids ({@code io.ssehub.event.EventIds}): every node generates ids
   * of the same epoch, so an id given by one node resumes on any other. A hub on its own began at {@code startMillis}.
   */
  long epochMillis(long startMillis);

  /** Members of the cluster this node sees, itself included (read locally, without a network call). */
  int memberCount();

  /** Whether this node runs what runs once in the cluster. */
  boolean leader();

  /**
   * Calls {@code handler} with {@link #leader()} now, and again, on the caller's context, whenever it changes.
   */
  void watchLeadership(Handler<Boolean> handler);

  /**
   * For {@code /stats}: enabled, the node id, the members with their addresses, whether this node leads, and the
   * event-bus registrations of the whole cluster. In a cluster it asks Hazelcast, and blocks: call it off the event
   * loops.
   */
  JsonObject stats();

  /** The standalone hub. */
  final class Standalone implements HubCluster {

    static final Standalone INSTANCE = new Standalone();

    private Standalone() {
    }

    @Override
    public boolean clustered() {
      return false;
    }

    @Override
    public String nodeId() {
      return "standalone";
    }

    @Override
    public long epochMillis(long startMillis) {
      return startMillis;
    }

    @Override
    public int memberCount() {
      return 1;
    }

    @Override
    public boolean leader() {
      return true;
    }

    @Override
    public void watchLeadership(Handler<Boolean> handler) {
      handler.handle(true);
    }

    @Override
    public JsonObject stats() {
      return new JsonObject().put("enabled", false);
    }
  }
}
