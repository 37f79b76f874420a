package io.ssehub.publish;

import io.ssehub.config.PublishConfig;
import io.ssehub.event.Topic;
import io.ssehub.text.SafeText;
import io.ssehub.text.UrlEncoded;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@link PublishRequest} from the two publish formats, a form ({@code topic} repeatable, {@code data},
 * {@code id}, {@code type}, {@code retry}, {@code private}, whose presence marks the event private) and a JSON object
 * ({@code topics} or {@code topic}, the same others, {@code private} a boolean). Both
 * reject unknown fields, so that a typo is an error rather than a silently different event.
 */
public final class PublishRequests {

  private static final Set<String> FORM_FIELDS = Set.of("topic", "data", "id", "type", "retry", "private");
  private static final Set<String> JSON_FIELDS = Set.of("topic", "topics", "data", "id", "type", "retry", "private");

  private PublishRequests() {
  }

  /**
   * @param body the form's bytes, decoded strictly ({@link UrlEncoded}); fields are read one by one, so that a body
   *             of thousands of fields is refused at the first one too many
   */
  public static PublishRequest fromForm(byte[] body, PublishConfig limits) {
    List<String> topics = new ArrayList<>();
    int[] topicCount = {0};
    Map<String, String> singles = new HashMap<>();
    try {
      UrlEncoded.decode(body, (name, value) -> {
        if (name.equals("topic")) {
          // Past the limit, only count: the message says how many were given.
          if (++topicCount[0] <= limits.maxTopicsPerEvent()) {
            topics.add(value);
          }
        } else if (!FORM_FIELDS.contains(name)) {
          throw unknownField(name, "topic, data, id, type, retry, private");
        } else if (singles.putIfAbsent(name, value) != null) {
          throw PublishRequest.invalid(name, "is given more than once");
        }
      });
    } catch (UrlEncoded.Malformed e) {
      throw new PublishException(400, "Malformed form body: " + e.getMessage());
    }
    checkTopicCount(topicCount[0], limits);
    String retry = singles.get("retry");
    return new PublishRequest(topics(topics, limits), checkSize(singles.get("data"), limits), singles.get("id"),
        singles.get("type"), retry == null ? null : digits(retry), singles.containsKey("private"));
  }

  public static PublishRequest fromJson(JsonObject json, PublishConfig limits) {
    for (String name : json.fieldNames()) {
      if (!JSON_FIELDS.contains(name)) {
        throw unknownField(name, "topics (or topic), data, id, type, retry, private");
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
    checkTopicCount(names.size(), limits);
    Object retry = json.getValue("retry");
    Long retryMillis = null;
    if (retry instanceof BigInteger big) {
      throw PublishRequest.retryOutOfRange(big.toString());
    } else if (retry instanceof Integer || retry instanceof Long) {
      retryMillis = ((Number) retry).longValue();
    } else if (retry != null) {
      throw PublishRequest.invalid("retry", "must be " + PublishRequest.RETRY_RULE);
    }
    Object privateUpdate = json.getValue("private");
    if (privateUpdate != null && !(privateUpdate instanceof Boolean)) {
      throw PublishRequest.invalid("private", "must be true or false");
    }
    return new PublishRequest(topics(names, limits), checkSize(string(json, "data"), limits), string(json, "id"),
        string(json, "type"), retryMillis, Boolean.TRUE.equals(privateUpdate));
  }

  private static String string(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw PublishRequest.invalid(field, "must be a string");
  }

  private static void checkTopicCount(int count, PublishConfig limits) {
    if (count > limits.maxTopicsPerEvent()) {
      throw PublishRequest.invalid("topic", count + " topics given, at most " + limits.maxTopicsPerEvent()
          + " per event (publish.maxTopicsPerEvent)");
    }
  }

  private static PublishException unknownField(String name, String fields) {
    return new PublishException(400, "Unknown field " + SafeText.quote(name) + ": the fields are " + fields);
  }

  private static List<Topic> topics(List<String> names, PublishConfig limits) {
    if (names.isEmpty()) {
      throw PublishRequest.invalid("topic", "at least one topic is required");
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

  /** A form's {@code retry}: ASCII digits; the range is checked with JSON's, by {@link PublishRequest}. */
  private static Long digits(String value) {
    if (value.length() > 1 && value.charAt(0) == '-' && isDigits(value.substring(1))) {
      throw PublishRequest.retryOutOfRange(value);
    }
    if (!isDigits(value)) {
      throw PublishRequest.invalid("retry", SafeText.quote(value) + " is not " + PublishRequest.RETRY_RULE);
    }
    String significant = value.replaceFirst("^0+(?=.)", "");
    if (significant.length() > 18) {
      throw PublishRequest.retryOutOfRange(significant);
    }
    return Long.parseLong(significant);
  }

  private static boolean isDigits(String value) {
    return !value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /** The 413 for data over the limit, measured in UTF-8 bytes as it goes on the wire. */
  public static String checkSize(String data, PublishConfig limits) {
    int maxDataBytes = limits.maxDataBytes();
    if (data != null && data.length() > maxDataBytes / 3
        && data.getBytes(StandardCharsets.UTF_8).length > maxDataBytes) {
      throw new PublishException(413, "Field 'data' is larger than " + maxDataBytes + " bytes (publish.maxDataBytes)");
    }
    return data;
  }
}
