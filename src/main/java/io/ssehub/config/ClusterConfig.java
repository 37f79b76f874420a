package io.ssehub.config;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code cluster} section: several hubs as one, on Vert.x's clustered event bus with Hazelcast. Off by default;
 * when it is off nothing of Hazelcast starts. The Hazelcast file ({@code configFile}) is the user's; the keys below
 * override the few settings that change from node to node, so that a container needs no XML of its own.
 *
 * @param enabled            join a cluster
 * @param configFile         the Hazelcast XML configuration (failure detection, partitions, discovery)
 * @param name               the cluster's name: nodes with another name never join it
 * @param host               the address this node binds and announces, for Hazelcast and the event bus; empty
 *                           keeps the file's interfaces
 * @param port               Hazelcast's port; 0 keeps the file's (5701, the next free one when taken)
 * @param members            TCP/IP members to join ({@code host} or {@code host:port}); empty keeps the file's
 * @param minMembers         how many members the cluster must have before this node serves
 * @param joinTimeoutSeconds how long a node may take to join; past it, it exits with status 1
 * @param eventBusPort       the clustered event bus's port; 0 picks a free one
 */
public record ClusterConfig(boolean enabled, String configFile, String name, String host, int port,
                            List<String> members, int minMembers, int joinTimeoutSeconds, int eventBusPort) {

  public static final String DEFAULT_CONFIG_FILE = "conf/cluster.xml";
  public static final String DEFAULT_NAME = "ssehub";
  public static final int DEFAULT_MIN_MEMBERS = 1;
  public static final int DEFAULT_JOIN_TIMEOUT_SECONDS = 30;

  static final Set<String> KEYS = Set.of("enabled", "configFile", "name", "host", "port", "members", "minMembers",
      "joinTimeoutSeconds", "eventBusPort");

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern MEMBER = Pattern.compile("[A-Za-z0-9.:\\[\\]-]+(:[0-9]{1,5})?");

  /** Every key at its default. */
  public static ClusterConfig defaults() {
    return read(ConfigSection.empty());
  }

  static ClusterConfig read(ConfigSection section) {
    String name = section.string("name", DEFAULT_NAME);
    if (!NAME.matcher(name).matches()) {
      throw section.error("name", ConfigSection.render(name)
          + " must be 1 to 64 letters, digits, dots, dashes or underscores");
    }
    List<String> members = section.strings("members", List.of());
    for (int i = 0; i < members.size(); i++) {
      if (!MEMBER.matcher(members.get(i)).matches()) {
        throw section.error("members[" + i + "]", ConfigSection.render(members.get(i))
            + " must be a host or host:port");
      }
    }
    return new ClusterConfig(section.bool("enabled", false), section.string("configFile", DEFAULT_CONFIG_FILE),
        name, section.string("host", ""),
        section.integer("port", 0, 0, 65_535), members,
        section.integer("minMembers", DEFAULT_MIN_MEMBERS, 1, 1000),
        section.integer("joinTimeoutSeconds", DEFAULT_JOIN_TIMEOUT_SECONDS, 1, 3600),
        section.integer("eventBusPort", 0, 0, 65_535));
  }
}
