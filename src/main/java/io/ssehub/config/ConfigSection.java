package io.ssehub.config;

import io.ssehub.text.SafeText;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * One JSON object of the configuration file, read strictly: every key must be known, every value of the expected
 * type and range. Errors carry the JSON path of the key, so that {@code generators[1].intervalMillis} is named
 * rather than "interval".
 */
final class ConfigSection {

  private final String source;
  private final String path;
  private final JsonObject json;

  ConfigSection(String source, String path, JsonObject json, Set<String> knownKeys) {
    this.source = source;
    this.path = path;
    this.json = json;
    for (String key : json.fieldNames()) {
      if (!knownKeys.contains(key)) {
        throw error(key, "unknown key; known keys here are " + String.join(", ", knownKeys.stream().sorted().toList()));
      }
    }
  }

  /** An empty section: reading it gives every key its default, so that defaults are written once, in the reader. */
  static ConfigSection empty() {
    return new ConfigSection(ServerConfig.BUILT_IN, "", new JsonObject(), Set.of());
  }

  String source() {
    return source;
  }

  ConfigException error(String key, String detail) {
    return new ConfigException(source, pathOf(key), detail);
  }

  String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  String string(String key, String defaultValue) {
    Object value = json.getValue(key);
    if (value == null && !json.containsKey(key)) {
      return defaultValue;
    }
    if (!(value instanceof String s)) {
      throw error(key, render(value) + " is not a string");
    }
    if (s.isBlank()) {
      throw error(key, SafeText.quote(s) + " is empty or only whitespace; a non-empty string is required");
    }
    return s;
  }

  boolean bool(String key, boolean defaultValue) {
    Object value = json.getValue(key);
    if (value == null && !json.containsKey(key)) {
      return defaultValue;
    }
    if (!(value instanceof Boolean b)) {
      throw error(key, render(value) + " is not true or false");
    }
    return b;
  }

  /** A string that must be one of {@code allowed}. */
  String oneOf(String key, String defaultValue, List<String> allowed) {
    String value = string(key, defaultValue);
    if (!allowed.contains(value)) {
      throw error(key, render(value) + " is not allowed; it must be one of " + String.join(", ", allowed));
    }
    return value;
  }

  /** One of an enum's constants, written in lower case in the file ({@code "optional"} for {@code OPTIONAL}). */
  <E extends Enum<E>> E oneOf(String key, E defaultValue, E[] allowed) {
    List<String> names = Arrays.stream(allowed).map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
    String value = oneOf(key, defaultValue.name().toLowerCase(Locale.ROOT), names);
    return allowed[names.indexOf(value)];
  }

  /** An array of non-empty strings. */
  List<String> strings(String key, List<String> defaults) {
    Object value = json.getValue(key);
    if (value == null && !json.containsKey(key)) {
      return defaults;
    }
    if (!(value instanceof JsonArray array)) {
      throw error(key, render(value) + " is not an array");
    }
    List<String> items = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      Object item = array.getValue(i);
      if (!(item instanceof String s) || s.isBlank()) {
        throw new ConfigException(source, pathOf(key) + "[" + i + "]", render(item) + " is not a non-empty string");
      }
      items.add(s);
    }
    return List.copyOf(items);
  }

  int integer(String key, int defaultValue, int min, int max) {
    Object value = json.getValue(key);
    if (value == null && !json.containsKey(key)) {
      return defaultValue;
    }
    long number = wholeNumber(key, value);
    if (number < min || number > max) {
      throw error(key, render(value) + " is out of range; it must be an integer from " + min + " to " + max);
    }
    return (int) number;
  }

  private long wholeNumber(String key, Object value) {
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big) {
      return big.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    if (value instanceof Number || value instanceof BigDecimal) {
      throw error(key, render(value) + " is not an integer");
    }
    throw error(key, render(value) + " is not a number");
  }

  ConfigSection section(String key, Set<String> knownKeys) {
    Object value = json.getValue(key);
    if (value == null && !json.containsKey(key)) {
      return new ConfigSection(source, pathOf(key), new JsonObject(), knownKeys);
    }
    if (!(value instanceof JsonObject object)) {
      throw error(key, render(value) + " is not an object");
    }
    return new ConfigSection(source, pathOf(key), object, knownKeys);
  }

  /** Reads an array of objects with the given reader; an absent key yields {@code defaults}. */
  <T> List<T> list(String key, Set<String> knownKeys, Function<ConfigSection, T> reader, List<T> defaults) {
    Object value = json.getValue(key);
    if (value == null && !json.containsKey(key)) {
      return defaults;
    }
    if (!(value instanceof JsonArray array)) {
      throw error(key, render(value) + " is not an array");
    }
    List<T> items = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      String itemPath = pathOf(key) + "[" + i + "]";
      Object item = array.getValue(i);
      if (!(item instanceof JsonObject object)) {
        throw new ConfigException(source, itemPath, render(item) + " is not an object");
      }
      items.add(reader.apply(new ConfigSection(source, itemPath, object, knownKeys)));
    }
    return List.copyOf(items);
  }

  static String render(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return SafeText.quote(s);
    }
    if (value instanceof JsonObject) {
      return "an object";
    }
    if (value instanceof JsonArray) {
      return "an array";
    }
    return String.valueOf(value);
  }
}
