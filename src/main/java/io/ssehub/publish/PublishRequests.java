package io.ssehub.publish;

import io.ssehub.config.PublishConfig;
import io.ssehub.event.Topic;
import io.ssehub.text.SafeText;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a {@link PublishRequest} from the two publish formats, a form ({@code topic} repeatable, {@code data},
 * {@code id}, {@code type}, {@code retry}) and a JSON object ({@code topics} or {@code topic}, the same others). Both
 * reject unknown fields, so that a typo is an error rather than a silently different event.
 */
public final class PublishRequests {

  private static final Set<String> FORM_FIELDS = Set.of("topic", "data", "id", "type", "retry");
  private static final Set<String> JSON_FIELDS = Set.of("topic", "topics", "data", "id", "type", "retry");

  private PublishRequests() {
  }

  public static PublishRequest fromForm(MultiMap form, PublishConfig limits) {
    for (String name : form.names()) {
      if (!FORM_FIELDS.contains(name)) {
        throw PublishRequest.invalid(name, "unknown field; the fields are topic, data, id, type, retry");
      }
    }
    for (String single : List.of("data", "id", "type", "retry")) {
      if (form.getAll(single).size() > 1) {
        throw PublishRequest.invalid(single, "is given more than once");
      }
    }
    String retry = form.get("retry");
    return build(topics(form.getAll("topic"), limits), checkSize(form.get("data"), limits), form.get("id"),
        form.get("type"), retry == null ? null : digits(retry));
  }

  public static PublishRequest fromJson(JsonObject json, PublishConfig limits) {
    for (String name : json.fieldNames()) {
      if (!JSON_FIELDS.contains(name)) {
        throw PublishRequest.invalid(name, "unknown field; the fields are topics (or topic), data, id, type, retry");
      }
    }
    List<String> names = new ArrayList<>();
    if (json.containsKey("topic") && json.containsKey("topics")) {
      throw PublishRequest.invalid("topics", "give either topics or topic, not both");
    }
    if (json.containsKey("topic")) {
      names.add(string(json, "topic"));
    } else if (json.containsKey("topics")) {
      Object value = json.getValue("topics");
      if (!(value instanceof JsonArray array)) {
        throw PublishRequest.invalid("topics", "must be an array of strings");
      }
      for (Object item : array) {
        if (!(item instanceof String s)) {
          throw PublishRequest.invalid("topics", "must be an array of strings");
        }
        names.add(s);
      }
    }
    Object retry = json.getValue("retry");
    Long retryMillis = null;
    if (retry != null) {
      if (!(retry instanceof Integer || retry instanceof Long)) {
        throw PublishRequest.invalid("retry", "must be a whole number of milliseconds");
      }
      retryMillis = ((Number) retry).longValue();
    }
    return build(topics(names, limits), checkSize(string(json, "data"), limits), string(json, "id"),
        string(json, "type"), retryMillis);
  }

  private static PublishRequest build(List<Topic> topics, String data, String id, String type, Long retry) {
    return new PublishRequest(topics, data, id, type, retry);
  }

  private static String string(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw PublishRequest.invalid(field, "must be a string");
  }

  private static List<Topic> topics(List<String> names, PublishConfig limits) {
    if (names.isEmpty()) {
      throw PublishRequest.invalid("topic", "at least one topic is required");
    }
    if (names.size() > limits.maxTopicsPerEvent()) {
      throw PublishRequest.invalid("topic", names.size() + " topics given, at most " + limits.maxTopicsPerEvent()
          + " per event (publish.maxTopicsPerEvent)");
    }
    List<Topic> topics = new ArrayList<>(names.size());
    for (String name : names) {
      if (name == null) {
        throw PublishRequest.invalid("topic", "must be a string");
      }
      String problem = Topic.problem(name);
      if (problem != null) {
        throw PublishRequest.invalid("topic", SafeText.quote(name) + " is not a valid topic: " + problem);
      }
      Topic topic = Topic.of(name);
      if (!topics.contains(topic)) {
        topics.add(topic);
      }
    }
    return topics;
  }

  private static Long digits(String value) {
    if (value.isEmpty() || value.length() > 10 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw PublishRequest.invalid("retry", SafeText.quote(value) + " is not a whole number of milliseconds (digits"
          + " only, at most 10)");
    }
    return Long.parseLong(value);
  }

  /** The 413 for data over the limit, measured in UTF-8 bytes as it goes on the wire. */
  static String checkSize(String data, PublishConfig limits) {
    int maxDataBytes = limits.maxDataBytes();
    if (data != null && data.length() > maxDataBytes / 3
        && data.getBytes(StandardCharsets.UTF_8).length > maxDataBytes) {
      throw new PublishException(413, "Field 'data' is larger than " + maxDataBytes + " bytes (publish.maxDataBytes)");
    }
    return data;
  }
}
