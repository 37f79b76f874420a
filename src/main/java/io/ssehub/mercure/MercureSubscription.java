package io.ssehub.mercure;

import io.ssehub.event.Topic;
import io.ssehub.event.TopicMatcher;
import io.ssehub.sse.SseRequest;
import io.ssehub.text.SafeText;
import io.ssehub.text.UrlEncoded;
import io.ssehub.web.ClientError;
import io.ssehub.web.QueryParams;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A validated Mercure subscription request ({@code GET /.well-known/mercure}): its selectors, any mix of
 * {@code match} / {@code match_exact} (exact topics), {@code match_urlpattern} (URL patterns) and the 0.x
 * {@code topic} (URI templates or exact topics, {@code *} for all), and where it resumes. Every other name starting
 * with {@code match}, in any case, is refused, so that a typo fails loudly; other parameters are left to others.
 *
 * @param topics      the exact topics, when the request names all its topics (each goes through its topic's fan-out)
 * @param patterns    every selector as one matcher, when some selector is a pattern; null otherwise
 * @param lastEventId the {@code Last-Event-ID} header, else {@code last_event_id}, else the 0.x {@code lastEventID}
 * @param selectors   every selector as given, with its matcher type, for subscription events
 */
record MercureSubscription(List<Topic> topics, TopicMatcher patterns, String lastEventId,
                           List<Selector> selectors) {

  /**
   * One selector as the subscriber gave it: its matcher type ({@code exact}, {@code urlpattern}, and for 0.x
   * templates {@code uritemplate}) and its text.
   */
  record Selector(String matchType, String match) {
  }

  static final String MATCH = "match";
  static final String MATCH_EXACT = "match_exact";
  static final String MATCH_URLPATTERN = "match_urlpattern";
  static final String LEGACY_TOPIC = "topic";
  static final String LAST_EVENT_ID = "last_event_id";
  static final String LEGACY_LAST_EVENT_ID = "lastEventID";
  static final String NO_SELECTOR = "No topic selector: use match=<topic>, match_urlpattern=<URL pattern> or (0.x)"
      + " topic=<topic or URI template>";

  /**
   * @param origin the hub's origin, against which relative URL patterns and topics are resolved
   * @throws ClientError 400 naming the parameter and the value at fault
   */
  static MercureSubscription parse(RoutingContext ctx, Selectors selectors, int maxSelectors, String origin) {
    Set<String> exact = new LinkedHashSet<>();
    List<TopicMatcher> patterns = new ArrayList<>();
    Set<Selector> given = new LinkedHashSet<>();
    int count = 0;
    for (UrlEncoded.Param param : QueryParams.all(ctx)) {
      SelectorKind kind = kind(param.name());
      if (kind == null) {
        continue;
      }
      if (++count > maxSelectors) {
        throw new ClientError(400, "Too many topic selectors: at most " + maxSelectors
            + " per subscription (mercure.maxSelectors)");
      }
      String value = param.value();
      String problem = selectors.problem(value);
      if (problem != null) {
        throw invalid(param, problem);
      }
      String matchType = kind == SelectorKind.URL_PATTERN ? "urlpattern"
          : kind == SelectorKind.TEMPLATE_OR_EXACT && UriTemplate.isTemplate(value) ? "uritemplate" : "exact";
      if (!given.add(new Selector(matchType, value))) {
        // The same selector twice is one subscription: it is matched once.
        continue;
      }
      if (Selectors.isAny(value) || kind != SelectorKind.EXACT && isPattern(kind, value)) {
        try {
          patterns.add(selectors.compile(kind, value, origin));
        } catch (IllegalArgumentException e) {
          throw invalid(param, "not a valid " + (kind == SelectorKind.URL_PATTERN ? "URL pattern" : "URI template")
              + ": " + e.getMessage());
        }
        continue;
      }
      String topicProblem = Topic.problem(value);
      if (topicProblem != null) {
        throw invalid(param, "no topic can match it: " + topicProblem);
      }
      exact.add(value);
    }
    if (count == 0) {
      throw new ClientError(400, NO_SELECTOR);
    }
    String lastEventId = SseRequest.lastEventId(ctx, LAST_EVENT_ID, LEGACY_LAST_EVENT_ID);
    if (patterns.isEmpty()) {
      return new MercureSubscription(exact.stream().map(Topic::of).toList(), null, lastEventId, List.copyOf(given));
    }
    return new MercureSubscription(List.of(), Selectors.anyOf(exact, patterns), lastEventId, List.copyOf(given));
  }

  /** The kind of selector a parameter gives, or null for a parameter that is none. */
  private static SelectorKind kind(String name) {
    switch (name) {
      case MATCH, MATCH_EXACT -> {
        return SelectorKind.EXACT;
      }
      case MATCH_URLPATTERN -> {
        return SelectorKind.URL_PATTERN;
      }
      case LEGACY_TOPIC -> {
        return SelectorKind.TEMPLATE_OR_EXACT;
      }
      default -> {
        if (name.toLowerCase(Locale.ROOT).startsWith(MATCH)) {
          throw new ClientError(400, "Unknown parameter " + SafeText.quote(name) + ": the selector parameters are "
              + MATCH + ", " + MATCH_EXACT + " and " + MATCH_URLPATTERN + " (names are case-sensitive)");
        }
        return null;
      }
    }
  }

  /** Whether a non-exact selector needs matching rather than naming: a URL pattern always, a 0.x template. */
  private static boolean isPattern(SelectorKind kind, String value) {
    return kind == SelectorKind.URL_PATTERN || UriTemplate.isTemplate(value);
  }

  private static ClientError invalid(UrlEncoded.Param param, String problem) {
    return new ClientError(400, "Invalid parameter '" + param.name() + "': " + SafeText.quote(param.value()) + ": "
        + problem);
  }
}
