package io.ssehub.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Single configuration keys set from outside the file, so that one jar and one file serve in several places
 * (containers, say): {@code http.port} is the environment variable {@code SSEHUB_HTTP_PORT} and the system property
 * {@code -Dssehub.http.port}; nested keys follow the same rule ({@code http.tls.certPath} is
 * {@code SSEHUB_HTTP_TLS_CERT_PATH}). Precedence, highest first: system property, environment variable, file,
 * default. Every key of the sections can be set, {@code generators} excepted. A value that reads as a number is a
 * number, {@code true} and {@code false} are booleans, a list key takes comma-separated items, anything else is a
 * string. A name under a section's prefix that is no key is an error, as an unknown key in the file is; names outside
 * the sections ({@code SSEHUB_LOG_LEVEL}) are not ours to check.
 */
public final class ConfigOverrides {

  private static final String ENV_PREFIX = "SSEHUB_";
  private static final String PROPERTY_PREFIX = "ssehub.";
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
  private static final Set<String> BOOLEANS = Set.of("true", "false");
  private static final Map<String, Set<String>> SECTIONS = Map.of(
      "http", HttpConfig.KEYS, "sse", SseConfig.KEYS, "publish", PublishConfig.KEYS, "history", HistoryConfig.KEYS,
      "auth", AuthConfig.KEYS, "metrics", MetricsConfig.KEYS, "cluster", ClusterConfig.KEYS,
      "mercure", MercureConfig.KEYS);
  /** Keys that hold objects, by their path, with the keys inside them. */
  private static final Map<String, Set<String>> NESTED = Map.of(
      "http.tls", TlsConfig.KEYS, "http.cors", HttpConfig.CORS_KEYS);
  /** Keys that hold lists of strings. */
  private static final Set<String> LISTS = Set.of("http.cors.allowedOrigins", "auth.publicTopics", "cluster.members",
      "mercure.cookieNames", "mercure.publishOrigins");
  /** Every key that can be set, by path ({@code http.tls.certPath}), in a stable order. */
  private static final List<String> PATHS = leafPaths();

  /** One key set from outside: its JSON path, the text given, and where it came from. */
  private record Override(String path, String value, String origin) {
  }

  private final List<Override> overrides;

  private ConfigOverrides(List<Override> overrides) {
    this.overrides = overrides;
  }

  public static ConfigOverrides none() {
    return new ConfigOverrides(List.of());
  }

  /** The overrides in this process's environment and system properties. */
  public static ConfigOverrides fromSystem() {
    Properties properties = System.getProperties();
    Map<String, String> byName = new TreeMap<>();
    for (String name : properties.stringPropertyNames()) {
      byName.put(name, properties.getProperty(name));
    }
    return of(System.getenv(), byName);
  }

  /**
   * The overrides among these variables and properties, environment first so that properties win.
   *
   * @throws ConfigException naming the variable or property when it names no key of its section
   */
  public static ConfigOverrides of(Map<String, String> environment, Map<String, String> properties) {
    Map<String, Override> byPath = new LinkedHashMap<>();
    for (Map.Entry<String, String> variable : new TreeMap<>(environment).entrySet()) {
      String name = variable.getKey();
      if (name.startsWith(ENV_PREFIX)) {
        find(name, ConfigOverrides::variableName, variable.getValue(), "environment variable " + name, byPath);
      }
    }
    for (Map.Entry<String, String> property : new TreeMap<>(properties).entrySet()) {
      String name = property.getKey();
      if (name.startsWith(PROPERTY_PREFIX)) {
        find(name, path -> PROPERTY_PREFIX + path, property.getValue(), "system property " + name, byPath);
      }
    }
    return new ConfigOverrides(List.copyOf(byPath.values()));
  }

  /** Records the key {@code name} stands for; nothing when it is under no section of ours. */
  private static void find(String name, Function<String, String> spell, String value,
                           String origin, Map<String, Override> byPath) {
    for (String path : PATHS) {
      if (spell.apply(path).equals(name)) {
        byPath.put(path, new Override(path, value, origin));
        return;
      }
    }
    for (String section : SECTIONS.keySet()) {
      String prefix = spell.apply(section);
      if (name.startsWith(prefix + (name.startsWith(ENV_PREFIX) ? "_" : "."))) {
        List<String> known = PATHS.stream().filter(path -> path.startsWith(section + "."))
            .map(spell).sorted().toList();
        throw new ConfigException(origin, "", "names no configuration key; known names here are "
            + String.join(", ", known));
      }
    }
  }

  private static String variableName(String path) {
    StringBuilder name = new StringBuilder(ENV_PREFIX.substring(0, ENV_PREFIX.length() - 1));
    for (String segment : path.split("\\.")) {
      name.append('_').append(upperSnake(segment));
    }
    return name.toString();
  }

  /** {@code maxConnectionsPerIp} as {@code MAX_CONNECTIONS_PER_IP}. */
  static String upperSnake(String key) {
    return key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  private static List<String> leafPaths() {
    List<String> paths = new ArrayList<>();
    new TreeMap<>(SECTIONS).forEach((section, keys) -> keys.stream().sorted().forEach(key -> {
      String path = section + "." + key;
      Set<String> nested = NESTED.get(path);
      if (nested == null) {
        paths.add(path);
      } else {
        nested.stream().sorted().forEach(inner -> paths.add(path + "." + inner));
      }
    }));
    return List.copyOf(paths);
  }

  /** A copy of the file's JSON with the overrides in place; parts that are not objects are left to validation. */
  JsonObject applyTo(JsonObject json) {
    JsonObject result = json.copy();
    for (Override override : overrides) {
      String[] segments = override.path().split("\\.");
      JsonObject object = result;
      for (int i = 0; i < segments.length - 1 && object != null; i++) {
        Object inner = object.getValue(segments[i]);
        if (inner == null) {
          inner = new JsonObject();
          object.put(segments[i], inner);
        }
        object = inner instanceof JsonObject next ? next : null;
      }
      if (object != null) {
        object.put(segments[segments.length - 1], typed(override));
      }
    }
    return result;
  }

  private static Object typed(Override override) {
    String value = override.value();
    if (LISTS.contains(override.path())) {
      JsonArray items = new JsonArray();
      for (String item : value.split(",")) {
        if (!item.isBlank()) {
          items.add(item.strip());
        }
      }
      return items;
    }
    if (NUMBER.matcher(value).matches()) {
      return number(value);
    }
    return BOOLEANS.contains(value) ? Boolean.valueOf(value) : value;
  }

  /** A number as the JSON reader gives it: a whole number as a Long (or BigInteger past it), else a Double. */
  private static Object number(String text) {
    BigDecimal value = new BigDecimal(text);
    try {
      return value.longValueExact();
    } catch (ArithmeticException notALong) {
      return value.stripTrailingZeros().scale() <= 0 ? value.toBigInteger() : value.doubleValue();
    }
  }

  /** An error about an overridden key (or an item of it), told as coming from the override, not from the file. */
  ConfigException blame(ConfigException error) {
    for (Override override : overrides) {
      if (error.path().equals(override.path()) || error.path().startsWith(override.path() + "[")) {
        return new ConfigException(override.origin(), error.path(), error.detail());
      }
    }
    return error;
  }

  /** What the configuration came from: the file and, after it, the overrides in effect. */
  String describe(String source) {
    if (overrides.isEmpty()) {
      return source;
    }
    List<String> origins = new ArrayList<>();
    overrides.forEach(override -> origins.add(override.origin()));
    return source + " with " + String.join(", ", origins);
  }
}
