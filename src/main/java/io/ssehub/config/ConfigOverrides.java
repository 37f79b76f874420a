package io.ssehub.config;

import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Single configuration keys set from outside the file, so that one jar and one file serve in several places
 * (containers, say): {@code http.port} is the environment variable {@code SSEHUB_HTTP_PORT} and the system property
 * {@code -Dssehub.http.port}. Precedence, highest first: system property, environment variable, file, default. Every
 * key of the sections but lists and nested objects can be set (a secret, say: {@code SSEHUB_AUTH_HS256_SECRET}). A
 * value that reads as a number is a number, {@code true} and {@code false} are booleans, anything else a string. A
 * name under a section prefix that is no key of it is an error, as an unknown key in the file is; names outside the
 * sections ({@code SSEHUB_LOG_LEVEL}) are not ours to check.
 */
public final class ConfigOverrides {

  private static final String ENV_PREFIX = "SSEHUB_";
  private static final String PROPERTY_PREFIX = "ssehub.";
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
  private static final Set<String> BOOLEANS = Set.of("true", "false");
  private static final Map<String, Set<String>> SECTIONS = Map.of(
      "http", HttpConfig.KEYS, "sse", SseConfig.KEYS, "publish", PublishConfig.KEYS, "history", HistoryConfig.KEYS,
      "auth", AuthConfig.KEYS, "metrics", MetricsConfig.KEYS);

  /** One key set from outside: its JSON path, the text given, and where it came from. */
  private record Override(String section, String key, String value, String origin) {
    String path() {
      return section + "." + key;
    }
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
        find(name.substring(ENV_PREFIX.length()), '_', name, variable.getValue(), "environment variable " + name)
            .ifPresent(override -> byPath.put(override.path(), override));
      }
    }
    for (Map.Entry<String, String> property : new TreeMap<>(properties).entrySet()) {
      String name = property.getKey();
      if (name.startsWith(PROPERTY_PREFIX)) {
        find(name.substring(PROPERTY_PREFIX.length()), '.', name, property.getValue(), "system property " + name)
            .ifPresent(override -> byPath.put(override.path(), override));
      }
    }
    return new ConfigOverrides(List.copyOf(byPath.values()));
  }

  /** Reads {@code SECTION<sep>KEY}; empty when SECTION is not a section of ours. */
  private static Optional<Override> find(String rest, char separator, String name, String value,
                                                   String origin) {
    int split = rest.indexOf(separator);
    String section = (split < 0 ? rest : rest.substring(0, split)).toLowerCase(Locale.ROOT);
    Set<String> keys = SECTIONS.get(section);
    if (keys == null) {
      return Optional.empty();
    }
    String given = split < 0 ? "" : rest.substring(split + 1);
    for (String key : keys) {
      String spelled = separator == '_' ? upperSnake(key) : key;
      if (spelled.equals(given)) {
        return Optional.of(new Override(section, key, value, origin));
      }
    }
    List<String> known = keys.stream().sorted()
        .map(key -> separator == '_' ? ENV_PREFIX + section.toUpperCase(Locale.ROOT) + "_" + upperSnake(key)
            : PROPERTY_PREFIX + section + "." + key)
        .toList();
    throw new ConfigException(origin, "", "names no configuration key; known names here are "
        + String.join(", ", known));
  }

  /** {@code maxConnectionsPerIp} as {@code MAX_CONNECTIONS_PER_IP}. */
  static String upperSnake(String key) {
    return key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  /** A copy of the file's JSON with the overrides in place; sections that are not objects are left to validation. */
  JsonObject applyTo(JsonObject json) {
    JsonObject result = json.copy();
    for (Override override : overrides) {
      Object section = result.getValue(override.section());
      if (section == null) {
        section = new JsonObject();
        result.put(override.section(), section);
      }
      if (section instanceof JsonObject object) {
        String value = override.value();
        object.put(override.key(), NUMBER.matcher(value).matches() ? number(value)
            : BOOLEANS.contains(value) ? (Object) Boolean.valueOf(value) : value);
      }
    }
    return result;
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

  /** An error about an overridden key, told as coming from the override rather than from the file. */
  ConfigException blame(ConfigException error) {
    for (Override override : overrides) {
      if (override.path().equals(error.path())) {
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
