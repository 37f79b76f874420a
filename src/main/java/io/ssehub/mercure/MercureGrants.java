package io.ssehub.mercure;

import io.ssehub.auth.InvalidToken;
import io.ssehub.event.Topic;
import io.ssehub.event.TopicMatcher;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * What a verified Mercure token allows, in either form its issuers write:
 * <ul>
 *   <li>1.0: {@code "authorization_details": [{"type": "https://mercure.rocks/authorization-detail", "actions":
 *   ["publish", "subscribe"], "topics": [{"match": "...", "match_type": "exact" | "urlpattern"}]}]}; details of
 *   other types and unknown actions grant nothing; a Mercure detail of the wrong shape makes the whole token
 *   invalid;</li>
 *   <li>0.x: {@code "mercure": {"publish": [...], "subscribe": [...]}}, with {@code *}, exact topics and URI
 *   templates.</li>
 * </ul>
 * A token may carry both; what it allows is their union.
 *
 * @param publish         topics the bearer may publish to
 * @param subscribe       topics the bearer may receive private updates on
 * @param expiresAtMillis the token's {@code exp} in epoch milliseconds; 0 when it has none
 * @param payloads        the {@code payload} objects of the token's subscribe grants, in order, for the
 *                        subscription documents ({@link #payloadFor})
 */
public record MercureGrants(TopicMatcher publish, TopicMatcher subscribe, long expiresAtMillis,
                            List<Payload> payloads) {

  /** A subscribe grant's payload, and the topics that grant covers. */
  record Payload(TopicMatcher topics, JsonObject payload) {
  }

  public MercureGrants {
    payloads = List.copyOf(payloads);
  }

  /**
   * The payload of a subscription whose selector is {@code match}: that of the first subscribe grant whose topics
   * match the selector's text taken as a topic (so a grant on {@code *} is a default); null when none does.
   */
  JsonObject payloadFor(String match) {
    if (Topic.problem(match) != null) {
      return null;
    }
    Topic asTopic = Topic.of(match);
    for (Payload payload : payloads) {
      if (payload.topics().matches(asTopic)) {
        return payload.payload();
      }
    }
    return null;
  }

  static final String DETAIL_TYPE = "https://mercure.rocks/authorization-detail";
  static final String DETAILS_CLAIM = "authorization_details";
  static final String LEGACY_CLAIM = "mercure";
  /** Most Mercure details one token may carry; more make it invalid. */
  static final int MAX_DETAILS = 64;

  /**
   * @param maxSelectors most selectors per list ({@code mercure.maxSelectors})
   * @param origin       the hub's origin, for relative URL patterns
   * @throws InvalidToken when a Mercure claim is of the wrong shape or breaks a limit (the message never repeats a
   *                      value from the token)
   */
  static MercureGrants fromClaims(JsonObject claims, Selectors selectors, int maxSelectors, String origin) {
    Selectors.Builder publish = new Selectors.Builder();
    Selectors.Builder subscribe = new Selectors.Builder();
    List<Payload> payloads = new ArrayList<>();
    readDetails(claims.getValue(DETAILS_CLAIM), selectors, maxSelectors, origin, publish, subscribe, payloads);
    readLegacy(claims.getValue(LEGACY_CLAIM), selectors, maxSelectors, publish, subscribe, payloads);
    Object exp = claims.getValue("exp");
    long expiresAt = exp instanceof Number number ? number.longValue() * 1000 : 0;
    return new MercureGrants(publish.isEmpty() ? Selectors.NOTHING : publish.build(),
        subscribe.isEmpty() ? Selectors.NOTHING : subscribe.build(), expiresAt, payloads);
  }

  private static void readLegacy(Object claim, Selectors selectors, int maxSelectors, Selectors.Builder publish,
                                 Selectors.Builder subscribe, List<Payload> payloads) {
    if (claim == null) {
      return;
    }
    if (!(claim instanceof JsonObject grants)) {
      throw new InvalidToken("its \"" + LEGACY_CLAIM + "\" claim is not an object");
    }
    readList(grants.getValue("publish"), LEGACY_CLAIM + ".publish", selectors, maxSelectors, publish);
    readList(grants.getValue("subscribe"), LEGACY_CLAIM + ".subscribe", selectors, maxSelectors, subscribe);
    Object payload = grants.getValue("payload");
    if (payload instanceof JsonObject object) {
      // 0.x: one payload for all of the subscriber's subscriptions.
      payloads.add(new Payload(topic -> true, object));
    }
  }

  private static void readList(Object value, String name, Selectors selectors, int maxSelectors,
                               Selectors.Builder into) {
    if (value == null) {
      return;
    }
    if (!(value instanceof JsonArray array)) {
      throw new InvalidToken("its \"" + name + "\" claim is not an array of topic selectors");
    }
    if (array.size() > maxSelectors) {
      throw new InvalidToken("its \"" + name + "\" claim holds more than " + maxSelectors + " selectors");
    }
    for (Object item : array) {
      if (!(item instanceof String text)) {
        throw new InvalidToken("its \"" + name + "\" claim holds something other than topic selectors");
      }
      into.matcher(compile(selectors, SelectorKind.TEMPLATE_OR_EXACT, text, "", name));
    }
  }

  private static void readDetails(Object claim, Selectors selectors, int maxSelectors, String origin,
                                  Selectors.Builder publish, Selectors.Builder subscribe, List<Payload> payloads) {
    if (claim == null) {
      return;
    }
    if (!(claim instanceof JsonArray details)) {
      throw new InvalidToken("its \"" + DETAILS_CLAIM + "\" claim is not an array");
    }
    int mercureDetails = 0;
    for (Object item : details) {
      if (!(item instanceof JsonObject detail)) {
        throw new InvalidToken("its \"" + DETAILS_CLAIM + "\" claim holds something other than objects");
      }
      if (!DETAIL_TYPE.equals(detail.getValue("type"))) {
        continue;
      }
      if (++mercureDetails > MAX_DETAILS) {
        throw new InvalidToken("it carries more than " + MAX_DETAILS + " Mercure authorization details");
      }
      boolean publishes = false;
      boolean subscribes = false;
      if (!(detail.getValue("actions") instanceof JsonArray actions) || actions.isEmpty()) {
        throw new InvalidToken("a Mercure authorization detail has no \"actions\" array");
      }
      for (Object action : actions) {
        if (!(action instanceof String name)) {
          throw new InvalidToken("a Mercure authorization detail's \"actions\" hold something other than strings");
        }
        publishes |= name.equals("publish");
        subscribes |= name.equals("subscribe");
      }
      if (!(detail.getValue("topics") instanceof JsonArray topics) || topics.isEmpty()) {
        throw new InvalidToken("a Mercure authorization detail has no \"topics\" array");
      }
      if (topics.size() > maxSelectors) {
        throw new InvalidToken("a Mercure authorization detail lists more than " + maxSelectors + " topics");
      }
      Selectors.Builder covered = new Selectors.Builder();
      for (Object entry : topics) {
        TopicMatcher matcher = detailTopic(entry, selectors, origin);
        covered.matcher(matcher);
        if (publishes) {
          publish.matcher(matcher);
        }
        if (subscribes) {
          subscribe.matcher(matcher);
        }
      }
      if (subscribes && detail.getValue("payload") instanceof JsonObject payload) {
        payloads.add(new Payload(covered.build(), payload));
      }
    }
  }

  private static TopicMatcher detailTopic(Object entry, Selectors selectors, String origin) {
    if (!(entry instanceof JsonObject topic) || !(topic.getValue("match") instanceof String match)) {
      throw new InvalidToken("a Mercure authorization detail's \"topics\" entry is not an object with a \"match\""
          + " string");
    }
    Object type = topic.getValue("match_type", "exact");
    SelectorKind kind;
    if ("exact".equals(type)) {
      kind = SelectorKind.EXACT;
    } else if ("urlpattern".equals(type)) {
      kind = SelectorKind.URL_PATTERN;
    } else {
      throw new InvalidToken("a Mercure authorization detail uses a \"match_type\" this hub does not support (it"
          + " supports exact and urlpattern)");
    }
    return compile(selectors, kind, match, origin, DETAILS_CLAIM);
  }

  private static TopicMatcher compile(Selectors selectors, SelectorKind kind, String text, String origin,
                                      String claim) {
    try {
      return selectors.compile(kind, text, origin);
    } catch (IllegalArgumentException e) {
      throw new InvalidToken("its \"" + claim + "\" claim holds an invalid " + kind.label() + " selector: "
          + e.getMessage());
    }
  }
}
