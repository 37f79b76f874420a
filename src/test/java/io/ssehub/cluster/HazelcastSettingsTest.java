package io.ssehub.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.MultiMapConfig;
import io.ssehub.config.ClusterConfig;
import io.ssehub.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HazelcastSettingsTest {

  @TempDir
  Path dir;

  private static ClusterConfig cluster(String file, String host, int port, List<String> members) {
    return new ClusterConfig(true, file, "eu-1", host, port, members, 2, 30, 0);
  }

  @Test
  void theShippedFileWithTheKeysOverIt() {
    Config config = HazelcastSettings.load(cluster("conf/cluster.xml", "10.0.0.5", 5801,
        List.of("10.0.0.6", "10.0.0.7:5801")), "conf/config.json");
    assertEquals("eu-1", config.getClusterName());
    assertEquals(5801, config.getNetworkConfig().getPort());
    assertEquals(List.of("10.0.0.5"), List.copyOf(config.getNetworkConfig().getInterfaces().getInterfaces()));
    assertEquals(List.of("10.0.0.6", "10.0.0.7:5801"),
        config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers());
    assertFalse(config.getNetworkConfig().getJoin().getMulticastConfig().isEnabled());
    assertEquals("2", config.getProperty("hazelcast.initial.min.cluster.size"));
    assertEquals("5", config.getProperty("hazelcast.max.no.heartbeat.seconds"), "the file's failure detection");
  }

  @Test
  void keysLeftAtTheirDefaultsKeepTheFilesSettings() {
    Config config = HazelcastSettings.load(cluster("conf/cluster.xml", "", 0, List.of()), "conf/config.json");
    assertEquals(5701, config.getNetworkConfig().getPort());
    assertEquals(List.of("127.0.0.1"), config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers());
  }

  @Test
  void aFileWithoutTheEventBusMapsGetsThem() throws Exception {
    Path file = dir.resolve("bare.xml");
    Files.writeString(file, "<hazelcast xmlns=\"http://www.hazelcast.com/schema/config\"/>");
    Config config = HazelcastSettings.load(cluster(file.toString(), "", 0, List.of()), "c.json");
    MultiMapConfig subs = config.getMultiMapConfigs().get("__vertx.subs");
    assertEquals(1, subs.getBackupCount());
    assertEquals(MultiMapConfig.ValueCollectionType.SET, subs.getValueCollectionType());
    assertEquals("false", config.getProperty("hazelcast.shutdownhook.enabled"));
  }

  @Test
  void aMissingOrInvalidFileNamesTheKey() throws Exception {
    ConfigException missing = assertThrows(ConfigException.class, () -> HazelcastSettings.load(
        cluster(dir.resolve("none.xml").toString(), "", 0, List.of()), "c.json"));
    assertEquals("c.json: cluster.configFile: \"" + dir.resolve("none.xml") + "\" is not a readable file",
        missing.getMessage());
    Path broken = dir.resolve("broken.xml");
    Files.writeString(broken, "<hazelcast><network>");
    ConfigException invalid = assertThrows(ConfigException.class, () -> HazelcastSettings.load(
        cluster(broken.toString(), "", 0, List.of()), "c.json"));
    assertTrue(invalid.getMessage().startsWith("c.json: cluster.configFile: \"" + broken
        + "\" is not a valid Hazelcast configuration: "), invalid.getMessage());
    assertFalse(invalid.getMessage().contains("\n"), "one line");
  }
}
