package io.ssehub.auth;

import io.ssehub.event.Topic;
import io.ssehub.event.TopicMatcher;
import io.ssehub.text.SafeText;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * What a verified token allows, read from its claims:
 * {@code "ssehub": {"publish": ["orders/*"], "subscribe": ["orders/42", "news"]}}, and until when ({@code exp}).
 *
 * @param publish         selectors of the topics the bearer may publish to
 * @param subscribe       selectors of the topics the bearer may subscribe to
 * @param expiresAtMillis the token's {@code exp} in epoch milliseconds; 0 when it has none
 */
public record Grants(List<TopicSelector> publish, List<TopicSelector> subscribe, long expiresAtMillis) {

  public static final String CLAIM = "ssehub";

  /**
   * @throws InvalidToken when the claim is there but not of the documented shape
   */
  static Grants fromClaims(JsonObject claims) {
    Object claim = claims.getValue(CLAIM);
    if (claim != null && !(claim instanceof JsonObject)) {
      throw new InvalidToken("its \"" + CLAIM + "\" claim is not an object");
    }
    JsonObject grants = claim == null ? new JsonObject() : (JsonObject) claim;
    Object exp = claims.getValue("exp");
    long expiresAt = exp instanceof Number number ? number.longValue() * 1000 : 0;
    return new Grants(selectors(grants, "publish"), selectors(grants, "subscribe"), expiresAt);
  }

  private static List<TopicSelector> selectors(JsonObject grants, String key) {
    Object value = grants.getValue(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      throw new InvalidToken("its \"" + CLAIM + "." + key + "\" claim is not an array of topic selectors");
    }
    List<TopicSelector> selectors = new ArrayList<>(array.size());
    for (Object item : array) {
      if (!(item instanceof String text) || text.isEmpty()) {
        throw new InvalidToken("its \"" + CLAIM + "." + key + "\" claim holds something other than topic selectors");
      }
      // The rules the token command mints by: a selector it would refuse is refused here too, whatever signed it.
      String problem = TopicSelector.problem(text);
      if (problem != null) {
        throw new InvalidToken("its \"" + CLAIM + "." + key + "\" claim holds an invalid selector "
            + SafeText.quote(text) + ": " + problem);
      }
      selectors.add(TopicSelector.parse(text));
    }
    return List.copyOf(selectors);
  }

  /** The topics the bearer may subscribe to, as a matcher: where it may receive private events. */
  public TopicMatcher subscribable() {
    return this::maySubscribe;
  }

  public boolean maySubscribe(Topic topic) {
    return subscribe.stream().anyMatch(selector -> selector.matches(topic));
  }

  public boolean mayPublish(Topic topic) {
    return publish.stream().anyMatch(selector -> selector.matches(topic));
  }
}
