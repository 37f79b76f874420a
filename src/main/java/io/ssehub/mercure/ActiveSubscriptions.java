package io.ssehub.mercure;

import io.ssehub.event.Topic;
import io.ssehub.publish.PublishRequest;
import io.ssehub.publish.Publisher;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mercure's active subscriptions ({@code mercure.subscriptions}): each selector of an open subscription is published
 * as a private update of type {@code mercure} on {@code /.well-known/mercure/subscriptions/{match_type}/{match}/
 * {subscriber}} when the stream opens ({@code "active": true}) and when it closes ({@code false}), through the one
 * publisher, so that they reach every node of a cluster and its history. This node's open subscriptions are kept for
 * the subscriptions API, as many as its open streams (bounded by {@code sse.maxConnections} and
 * {@code mercure.maxSelectors}).
 */
final class ActiveSubscriptions {

  static final String PREFIX = MercurePublication.NAMESPACE + "/subscriptions";
  /** The event type of subscription events, which publishers may not use. */
  static final String TYPE = MercurePublication.RESERVED_TYPE;
  private static final Logger LOG = LoggerFactory.getLogger(ActiveSubscriptions.class);

  private final Publisher publisher;
  /** This node's open subscriptions, by subscriber: the documents of its selectors. */
  private final Map<String, List<JsonObject>> open = new ConcurrentHashMap<>();

  ActiveSubscriptions(Publisher publisher) {
    this.publisher = publisher;
  }

  /** A subscription's stream opened: its documents are kept and published, active. */
  void opened(String subscriber, List<MercureSubscription.Selector> selectors, MercureGrants grants) {
    List<JsonObject> documents = selectors.stream().map(selector -> document(subscriber, selector,
        grants == null ? null : grants.payloadFor(selector.match()))).toList();
    open.put(subscriber, documents);
    documents.forEach(this::publish);
  }

  /** The stream closed: its documents go, published inactive. */
  void closed(String subscriber) {
    List<JsonObject> documents = open.remove(subscriber);
    if (documents != null) {
      documents.forEach(document -> publish(document.copy().put("active", false)));
    }
  }

  /**
   * This node's open subscriptions whose matcher type and match are these (null: any), as the API's collection.
   */
  JsonObject collection(String path, String matchType, String match) {
    JsonArray subscriptions = new JsonArray();
    open.values().forEach(documents -> documents.stream()
        .filter(document -> matchType == null || matchType.equals(document.getString("match_type")))
        .filter(document -> match == null || match.equals(document.getString("match")))
        .forEach(subscriptions::add));
    return new JsonObject().put("id", path).put("type", "subscriptions").put("subscriptions", subscriptions);
  }

  /** One open subscription, or null. */
  JsonObject one(String matchType, String match, String subscriber) {
    List<JsonObject> documents = open.get(subscriber);
    if (documents == null) {
      return null;
    }
    return documents.stream().filter(document -> matchType.equals(document.getString("match_type"))
        && match.equals(document.getString("match"))).findFirst().orElse(null);
  }

  static JsonObject document(String subscriber, MercureSubscription.Selector selector, JsonObject payload) {
    JsonObject document = new JsonObject()
        .put("id", topic(selector.matchType(), selector.match(), subscriber))
        .put("type", "subscription")
        .put("match_type", selector.matchType())
        .put("match", selector.match())
        .put("subscriber", subscriber)
        .put("active", true);
    if (payload != null) {
      document.put("payload", payload);
    }
    return document;
  }

  /** The topic of a subscription's events: its parts percent-encoded once, whole. */
  static String topic(String matchType, String match, String subscriber) {
    return PREFIX + "/" + matchType + "/" + encode(match) + "/" + encode(subscriber);
  }

  private void publish(JsonObject document) {
    String topic = document.getString("id");
    String problem = Topic.problem(topic);
    if (problem != null) {
      // A selector near the longest allowed, once encoded, can make a topic longer than any topic may be.
      LOG.debug("No subscription event for {}: {}", topic, problem);
      return;
    }
    publisher.submit(new PublishRequest(List.of(Topic.of(topic)), document.encode(), null, TYPE, null, true))
        .onFailure(failure -> LOG.warn("Could not publish the subscription event on {}: {}", topic,
            failure.getMessage()));
  }

  /** Percent-encodes every byte but the unreserved characters (letters, digits, {@code -._~}). */
  static String encode(String value) {
    StringBuilder out = new StringBuilder(value.length() * 2);
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c < 128 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return out.toString();
  }
}
