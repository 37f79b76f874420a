package io.ssehub.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The cluster as Hazelcast sees it. Hazelcast lists members oldest first, the same on every member, so the first is
 * the leader without an election; when it leaves or dies, every member drops it from its list and the next oldest
 * leads. Membership changes are logged, and watchers are told on their own contexts.
 */
public final class HazelcastCluster implements HubCluster {

  private static final Logger LOG = LoggerFactory.getLogger(HazelcastCluster.class);
  /** The cluster's own state: its epoch. */
  static final String STATE_MAP = "ssehub.cluster";
  static final String EPOCH_KEY = "epoch";

  private final HazelcastInstance hazelcast;
  private final String nodeId;
  private final long epochMillis;
  private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
  private volatile boolean leader;

  private record Watcher(Context context, Handler<Boolean> handler) {
  }

  public HazelcastCluster(HazelcastClusterManager manager) {
    this.hazelcast = manager.getHazelcastInstance();
    this.nodeId = manager.getNodeId();
    hazelcast.getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
        changed("joined", event.getMember());
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        changed("left", event.getMember());
      }
    });
    leader = oldestIsLocal();
    // The first node to get here names the epoch; the map keeps a backup, so it outlives any one member.
    Long epoch = hazelcast.<String, Long>getMap(STATE_MAP).putIfAbsent(EPOCH_KEY, System.currentTimeMillis());
    epochMillis = epoch != null ? epoch : (Long) hazelcast.getMap(STATE_MAP).get(EPOCH_KEY);
    LOG.info("Cluster {} joined as {} ({}): members {}{}", hazelcast.getConfig().getClusterName(),
        nodeId, hazelcast.getCluster().getLocalMember().getAddress(), addresses(),
        leader ? "; this node leads (runs the generators)" : "");
  }

  private synchronized void changed(String what, Member member) {
    boolean nowLeader = oldestIsLocal();
    LOG.info("Cluster member {} {}: members {}{}", member.getAddress(), what, addresses(),
        nowLeader && !leader ? "; this node leads now (runs the generators)" : "");
    if (nowLeader != leader) {
      leader = nowLeader;
      for (Watcher watcher : watchers) {
        watcher.context.runOnContext(v -> watcher.handler.handle(nowLeader));
      }
    }
  }

  private boolean oldestIsLocal() {
    Set<Member> members = hazelcast.getCluster().getMembers();
    return !members.isEmpty() && members.iterator().next().localMember();
  }

  private List<String> addresses() {
    List<String> addresses = new ArrayList<>();
    for (Member member : hazelcast.getCluster().getMembers()) {
      addresses.add(member.getAddress().toString());
    }
    return addresses;
  }

  @Override
  public boolean clustered() {
    return true;
  }

  @Override
  public String nodeId() {
    return nodeId;
  }

  @Override
  public long epochMillis(long startMillis) {
    return epochMillis;
  }

  @Override
  public int memberCount() {
    return hazelcast.getCluster().getMembers().size();
  }

  @Override
  public boolean leader() {
    return leader;
  }

  @Override
  public synchronized void watchLeadership(Handler<Boolean> handler) {
    watchers.add(new Watcher(Vertx.currentContext(), handler));
    handler.handle(leader);
  }

  @Override
  public JsonObject stats() {
    JsonArray members = new JsonArray();
    for (Member member : hazelcast.getCluster().getMembers()) {
      UUID uuid = member.getUuid();
      members.add(new JsonObject().put("address", member.getAddress().toString()).put("uuid", uuid.toString())
          .put("local", member.localMember()));
    }
    return new JsonObject().put("enabled", true).put("name", hazelcast.getConfig().getClusterName())
        .put("nodeId", nodeId).put("leader", leader).put("epoch", Long.toString(epochMillis, 36))
        .put("members", members)
        .put("registrations", hazelcast.getMultiMap(HazelcastSettings.SUBSCRIPTIONS_MAP).size());
  }
}
