package io.ssehub.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.FileSystemXmlConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NetworkConfig;
import io.ssehub.config.ClusterConfig;
import io.ssehub.config.ConfigException;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Hazelcast configuration a node starts with: the user's XML file ({@code cluster.configFile}), then the keys of
 * the {@code cluster} section that override it (name, host, port, members, minimum size), then what Vert.x's event
 * bus needs whatever the file says (its registration maps, with a backup each).
 */
public final class HazelcastSettings {

  /** The multimap where Vert.x keeps the cluster's event-bus registrations. */
  static final String SUBSCRIPTIONS_MAP = "__vertx.subs";

  private HazelcastSettings() {
  }

  /**
   * Reads and completes the Hazelcast configuration.
   *
   * @param source the ssehub configuration's name, for errors
   * @throws ConfigException naming {@code cluster.configFile} when the file is missing or not valid Hazelcast XML
   */
  public static Config load(ClusterConfig cluster, String source) {
    // Before Hazelcast logs anything (reading the file does), or its first lines go to java.util.logging.
    System.setProperty("hazelcast.logging.type", "slf4j");
    Path file = Path.of(cluster.configFile());
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new ConfigException(source, "cluster.configFile", "\"" + file + "\" is not a readable file");
    }
    Config config;
    try {
      config = new FileSystemXmlConfig(new File(file.toString()));
    } catch (Exception e) {
      throw new ConfigException(source, "cluster.configFile", "\"" + file + "\" is not a valid Hazelcast"
          + " configuration: " + firstLine(e));
    }
    return apply(config, cluster);
  }

  /** Sets the overriding keys and what the event bus needs on a configuration read from a file. */
  static Config apply(Config config, ClusterConfig cluster) {
    config.setClusterName(cluster.name());
    NetworkConfig network = config.getNetworkConfig();
    if (cluster.port() > 0) {
      network.setPort(cluster.port());
    }
    if (!cluster.host().isEmpty()) {
      network.getInterfaces().setEnabled(true).setInterfaces(List.of(cluster.host()));
      config.setProperty("hazelcast.socket.bind.any", "false");
    }
    if (!cluster.members().isEmpty()) {
      JoinConfig join = network.getJoin();
      join.getMulticastConfig().setEnabled(false);
      join.getAutoDetectionConfig().setEnabled(false);
      join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members());
    }
    config.setProperty("hazelcast.initial.min.cluster.size", Integer.toString(cluster.minMembers()));
    // Vert.x runs its own shutdown: Hazelcast's hook would leave the cluster before the streams are ended.
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    if (config.getMultiMapConfigs().get(SUBSCRIPTIONS_MAP) == null) {
      config.addMultiMapConfig(new MultiMapConfig(SUBSCRIPTIONS_MAP).setBackupCount(1)
          .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
    }
    for (String map : List.of("__vertx.haInfo", "__vertx.nodeInfo")) {
      if (config.getMapConfigs().get(map) == null) {
        config.getMapConfig(map).setBackupCount(1);
      }
    }
    return config;
  }

  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage()).strip();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
