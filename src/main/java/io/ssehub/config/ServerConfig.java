package io.ssehub.config;

import io.ssehub.text.StrictJson;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The whole configuration, typed and validated once at startup. Handlers read these records, never raw JSON.
 *
 * @param source     where it came from (a file name, or "built-in defaults"), for logs and error messages
 * @param http       the {@code http} section
 * @param sse        the {@code sse} section
 * @param publish    the {@code publish} section
 * @param history    the {@code history} section
 * @param generators the time generators, each on its own topic
 * @param cluster    the {@code cluster} section
 * @param mercure    the {@code mercure} section
 */
public record ServerConfig(String source, HttpConfig http, SseConfig sse, PublishConfig publish,
                           HistoryConfig history, List<GeneratorConfig> generators, AuthConfig auth,
                           MetricsConfig metrics, ClusterConfig cluster, MercureConfig mercure) {

  public static final String BUILT_IN = "built-in defaults";

  private static final Set<String> KEYS = Set.of("http", "sse", "publish", "history", "generators", "auth", "metrics",
      "cluster", "mercure");

  /** The built-in defaults: what an empty file gives. */
  public static ServerConfig defaults() {
    return fromJson(BUILT_IN, new JsonObject());
  }

  /** Reads and validates a configuration file. */
  public static ServerConfig load(Path file) {
    return load(file, ConfigOverrides.none());
  }

  /** Reads a configuration file, sets the overridden keys, and validates the result. */
  public static ServerConfig load(Path file, ConfigOverrides overrides) {
    String source = file.toString();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(source, "", "file not found");
    } catch (IOException | SecurityException e) {
      throw new ConfigException(source, "", "cannot read the file: " + e);
    }
    // Windows editors save UTF-8 with a byte order mark, which JSON parsers may ignore (RFC 8259, section 8.1).
    // Only a leading one: anywhere else it is a stray character, and the parser names its line and column (which
    // match what the editor shows, since editors hide the mark).
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    JsonObject json;
    try {
      json = StrictJson.parseObject(text);
    } catch (StrictJson.Invalid e) {
      throw new ConfigException(source, "", e.getMessage());
    }
    return fromJson(source, json, overrides);
  }

  /** The built-in defaults with the overridden keys set, validated. */
  public static ServerConfig defaults(ConfigOverrides overrides) {
    return fromJson(BUILT_IN, new JsonObject(), overrides);
  }

  /**
   * Validates a configuration with overridden keys set; an error about an overridden key names the variable or
   * property it came from.
   */
  public static ServerConfig fromJson(String source, JsonObject json, ConfigOverrides overrides) {
    try {
      return fromJson(overrides.describe(source), overrides.applyTo(json));
    } catch (ConfigException e) {
      throw overrides.blame(e);
    }
  }

  /** Validates a configuration; absent keys take their documented defaults. */
  public static ServerConfig fromJson(String source, JsonObject json) {
    ConfigSection root = new ConfigSection(source, "", json, KEYS);
    HttpConfig http = HttpConfig.read(root.section("http", HttpConfig.KEYS));
    SseConfig sse = SseConfig.read(root.section("sse", SseConfig.KEYS));
    // Heartbeats come between heartbeatSeconds and heartbeatSeconds + 1 after the last write (a one-second tick).
    if (http.idleTimeoutSeconds() > 0 && sse.heartbeatSeconds() > 0
        && http.idleTimeoutSeconds() < sse.heartbeatSeconds() + 2) {
      throw new ConfigException(source, "http.idleTimeoutSeconds", http.idleTimeoutSeconds() + " must be at least"
          + " sse.heartbeatSeconds + 2 (" + (sse.heartbeatSeconds() + 2) + "), or a quiet stream could be closed"
          + " between heartbeats");
    }
    PublishConfig publish = PublishConfig.read(root.section("publish", PublishConfig.KEYS));
    HistoryConfig history = HistoryConfig.read(root.section("history", HistoryConfig.KEYS));
    List<GeneratorConfig> generators =
        root.list("generators", GeneratorConfig.KEYS, GeneratorConfig::read, List.of(GeneratorConfig.defaults()));
    Set<String> topics = new HashSet<>();
    for (int i = 0; i < generators.size(); i++) {
      String topic = generators.get(i).topic().name();
      if (!topics.add(topic)) {
        throw new ConfigException(source, "generators[" + i + "].topic",
            ConfigSection.render(topic) + " is used by another generator; generator topics must be unique");
      }
    }
    AuthConfig auth = AuthConfig.read(root.section("auth", AuthConfig.KEYS));
    if (http.corsAllowedOrigins().contains("*") && (auth.publishRequired() || auth.subscribeChecked())) {
      throw new ConfigException(source, "http.cors.allowedOrigins", "\"*\" is not allowed while auth.publish or"
          + " auth.subscribe is on: list the origins that may send credentials");
    }
    MetricsConfig metrics = MetricsConfig.read(root.section("metrics", MetricsConfig.KEYS));
    ClusterConfig cluster = ClusterConfig.read(root.section("cluster", ClusterConfig.KEYS));
    MercureConfig mercure = MercureConfig.read(root.section("mercure", MercureConfig.KEYS), auth);
    return new ServerConfig(source, http, sse, publish, history, generators, auth, metrics, cluster, mercure);
  }
}
