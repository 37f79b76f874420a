package io.ssehub.mercure;

import io.ssehub.config.PublishConfig;
import io.ssehub.event.EventIds;
import io.ssehub.event.Topic;
import io.ssehub.publish.PublishException;
import io.ssehub.publish.PublishRequest;
import io.ssehub.publish.PublishRequests;
import io.ssehub.text.SafeText;
import io.ssehub.text.UrlEncoded;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Mercure update ({@code POST /.well-known/mercure}, a form) into the hub's {@link PublishRequest}:
 * {@code topic} (required, repeatable: the first is canonical, the others alternates), {@code data} (optional),
 * {@code private} (its presence makes the update private, whatever its value), {@code id}, {@code type},
 * {@code retry} (ASCII digits). Fields the protocol does not define are ignored, as it asks. Refused with 400: the
 * topic {@code *} and topics inside the hub's own {@code /.well-known/mercure} namespace, an id starting with
 * {@code #} or equal to {@code earliest}, the type {@code mercure}; with 413, more topics than
 * {@code publish.maxTopicsPerEvent} or data past {@code publish.maxDataBytes}. The hub's own rules for ids, types
 * and topics apply as on {@code /publish}.
 */
final class MercurePublication {

  /** The path under which topics belong to the hub itself. */
  static final String NAMESPACE = "/.well-known/mercure";
  /** The event type the protocol keeps for the hub's own events. */
  static final String RESERVED_TYPE = "mercure";

  private MercurePublication() {
  }

  static PublishRequest fromForm(byte[] body, PublishConfig limits) {
    List<String> topics = new ArrayList<>();
    int[] topicCount = {0};
    Map<String, String> singles = new HashMap<>();
    try {
      UrlEncoded.decode(body, (name, value) -> {
        switch (name) {
          case "topic" -> {
            if (++topicCount[0] <= limits.maxTopicsPerEvent()) {
              topics.add(value);
            }
          }
          case "data", "id", "type", "retry" -> {
            if (singles.putIfAbsent(name, value) != null) {
              throw invalid(name, "is given more than once");
            }
          }
          case "private" -> singles.put(name, value);
          default -> {
            // Fields the protocol does not define are ignored, for forward compatibility.
          }
        }
      });
    } catch (UrlEncoded.Malformed e) {
      throw new PublishException(400, "Malformed form body: " + e.getMessage());
    }
    if (topicCount[0] > limits.maxTopicsPerEvent()) {
      throw new PublishException(413, "Too many topics: " + topicCount[0] + " given, at most "
          + limits.maxTopicsPerEvent() + " per update (publish.maxTopicsPerEvent)");
    }
    String id = singles.get("id");
    if (id != null && id.startsWith("#")) {
      throw invalid("id", SafeText.quote(id) + " starts with #, which Mercure keeps for ids the hub generates");
    }
    if (EventIds.EARLIEST.equals(id)) {
      throw invalid("id", "\"earliest\" is reserved for Last-Event-ID");
    }
    if (RESERVED_TYPE.equals(singles.get("type"))) {
      throw invalid("type", "\"mercure\" is reserved for the hub's own events");
    }
    String retry = singles.get("retry");
    String data = singles.getOrDefault("data", "");
    try {
      return new PublishRequest(topics(topics), PublishRequests.checkSize(data, limits), id, singles.get("type"),
          retry == null ? null : retry(retry), singles.containsKey("private"));
    } catch (IllegalArgumentException e) {
      throw new PublishException(400, e.getMessage());
    }
  }

  private static List<Topic> topics(List<String> names) {
    if (names.isEmpty()) {
      throw invalid("topic", "at least one topic is required");
    }
    List<Topic> topics = new ArrayList<>(names.size());
    for (String name : names) {
      if (Selectors.isAny(name)) {
        throw invalid("topic", "\"*\" selects every topic and cannot be published to");
      }
      if (inNamespace(name)) {
        throw invalid("topic", SafeText.quote(name) + " is inside the hub's own " + NAMESPACE + " namespace");
      }
      String problem = Topic.problem(name);
      if (problem != null) {
        throw invalid("topic", SafeText.quote(name) + " is not a valid topic: " + problem);
      }
      Topic topic = Topic.of(name);
      if (!topics.contains(topic)) {
        topics.add(topic);
      }
    }
    return topics;
  }

  /**
   * Whether a topic addresses the hub's namespace: its path (resolved, dot segments removed, unreserved characters
   * decoded) is {@value #NAMESPACE} or below it, whatever the scheme and host. A topic that is no URL is not.
   */
  static boolean inNamespace(String topic) {
    String path;
    try {
      URI uri = new URI(escapeForUri(topic));
      path = uri.isOpaque() ? null : uri.normalize().getRawPath();
    } catch (URISyntaxException e) {
      return false;
    }
    if (path == null) {
      return false;
    }
    String decoded = decodeUnreserved(path);
    return decoded.equals(NAMESPACE) || decoded.startsWith(NAMESPACE + "/");
  }

  /**
   * The topic with what {@link URI} refuses but a topic may hold percent-encoded (spaces aside, which topics never
   * hold: {@code | ^ ` { } " < > \}, non-ASCII, and a {@code %} that starts no escape), so that such a topic is
   * parsed, and judged, as a URL parser would.
   */
  private static String escapeForUri(String topic) {
    StringBuilder out = new StringBuilder(topic.length() + 16);
    byte[] bytes = topic.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      int c = bytes[i] & 0xff;
      boolean escape = c >= 128 || "|^`{}\"<>\\".indexOf(c) >= 0
          || c == '%' && !(i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2]));
      if (escape) {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      } else {
        out.append((char) c);
      }
    }
    return out.toString();
  }

  private static boolean isHex(byte b) {
    return Character.digit(b, 16) >= 0;
  }

  /** Decodes percent-escapes of unreserved characters (letters, digits, {@code -._~}), as URL normalisation does. */
  private static String decodeUnreserved(String path) {
    StringBuilder out = new StringBuilder(path.length());
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '%' && i + 2 < path.length()) {
        int value = Character.digit(path.charAt(i + 1), 16) * 16 + Character.digit(path.charAt(i + 2), 16);
        if (value >= 0 && (Character.isLetterOrDigit(value) && value < 128 || "-._~".indexOf(value) >= 0)) {
          out.append((char) value);
          i += 2;
          continue;
        }
      }
      out.append(c);
    }
    return out.toString();
  }

  /** {@code retry}: ASCII digits only, in the hub's range. */
  private static Long retry(String value) {
    if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw invalid("retry", SafeText.quote(value) + " is not ASCII digits");
    }
    String significant = value.replaceFirst("^0+(?=.)", "");
    if (significant.length() > 18 || Long.parseLong(significant) > PublishRequest.MAX_RETRY_MILLIS) {
      throw invalid("retry", SafeText.quote(value) + " is out of range; at most " + PublishRequest.MAX_RETRY_MILLIS
          + " milliseconds");
    }
    return Long.parseLong(significant);
  }

  private static PublishException invalid(String field, String rule) {
    return new PublishException(400, "Invalid '" + field + "': " + rule);
  }
}
