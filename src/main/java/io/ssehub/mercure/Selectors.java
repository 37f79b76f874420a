package io.ssehub.mercure;

import io.ssehub.event.Topic;
import io.ssehub.event.TopicMatcher;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compiles Mercure topic selectors ({@link SelectorKind}) into matchers, with a bounded cache of compiled patterns
 * shared by every event loop: the same few patterns come back with every subscriber and every token, and compiling
 * one costs far more than looking it up. {@code *} matches every topic, whatever the kind.
 */
public final class Selectors {

  /** The selector that matches every topic. */
  static final String ANY = "*";
  private static final TopicMatcher EVERY_TOPIC = topic -> true;

  private record Key(SelectorKind kind, String text, String origin) {
  }

  private final int maxLength;
  private final int cacheSize;
  private final Map<Key, Pattern> cache;

  /**
   * @param maxLength {@code mercure.maxSelectorLength}
   * @param cacheSize {@code mercure.patternCacheSize}: compiled patterns kept, the least recently used going first
   */
  public Selectors(int maxLength, int cacheSize) {
    this.maxLength = maxLength;
    this.cacheSize = cacheSize;
    this.cache = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, Pattern> eldest) {
        return size() > Selectors.this.cacheSize;
      }
    };
  }

  /**
   * @param origin the hub's origin, against which relative URL patterns and topics are resolved
   * @throws IllegalArgumentException saying what is wrong with the selector
   */
  TopicMatcher compile(SelectorKind kind, String text, String origin) {
    String problem = problem(text);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    if (text.equals(ANY)) {
      return EVERY_TOPIC;
    }
    return switch (kind) {
      case EXACT -> topic -> topic.name().equals(text);
      case URL_PATTERN -> {
        Pattern pattern = pattern(new Key(kind, text, origin));
        yield topic -> BoundedMatch.matches(pattern, UrlPattern.resolve(topic.name(), origin));
      }
      case TEMPLATE_OR_EXACT -> {
        if (!UriTemplate.isTemplate(text)) {
          yield topic -> topic.name().equals(text);
        }
        Pattern pattern = pattern(new Key(kind, text, ""));
        // 0.x: a template also matches a topic written as that very template.
        yield topic -> topic.name().equals(text) || BoundedMatch.matches(pattern, topic.name());
      }
    };
  }

  /** Whether {@code text} is the selector that matches every topic. */
  static boolean isAny(String text) {
    return ANY.equals(text);
  }

  /** The rule a selector's text breaks (length, control or format characters), or null. */
  String problem(String text) {
    if (text.isEmpty()) {
      return "a selector must not be empty";
    }
    int length = text.codePointCount(0, text.length());
    if (length > maxLength) {
      return "a selector is at most " + maxLength + " characters (mercure.maxSelectorLength), this one has " + length;
    }
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT
          || Character.getType(cp) == Character.SURROGATE) {
        return String.format("a selector must not contain control or format characters (U+%04X found)", cp);
      }
      i += Character.charCount(cp);
    }
    return null;
  }

  private Pattern pattern(Key key) {
    synchronized (cache) {
      Pattern cached = cache.get(key);
      if (cached != null) {
        return cached;
      }
    }
    Pattern compiled = key.kind() == SelectorKind.URL_PATTERN ? UrlPattern.compile(key.text(), key.origin())
        : UriTemplate.compile(key.text());
    synchronized (cache) {
      cache.put(key, compiled);
    }
    return compiled;
  }

  /** Compiled patterns held now; at most {@code mercure.patternCacheSize}. */
  int cached() {
    synchronized (cache) {
      return cache.size();
    }
  }

  /**
   * One matcher for several: a topic matches when one of them does. Exact topics are looked up in a set, so that a
   * subscriber with many of them costs one lookup per topic; the patterns share one cost budget per topic tested
   * ({@link BoundedMatch#PER_EVALUATION}), and per scan ({@link BoundedMatch#PER_SCAN}).
   */
  static TopicMatcher anyOf(Set<String> exact, List<TopicMatcher> others) {
    List<TopicMatcher> patterns = List.copyOf(others);
    if (patterns.contains(EVERY_TOPIC)) {
      return EVERY_TOPIC;
    }
    return new AnyOf(Set.copyOf(exact), patterns, null);
  }

  /** Exact names and patterns; with a scan's budget, or a new budget per topic. */
  private static final class AnyOf implements TopicMatcher {
    private final Set<String> names;
    private final List<TopicMatcher> patterns;
    private final BoundedMatch.Budget scan;

    AnyOf(Set<String> names, List<TopicMatcher> patterns, BoundedMatch.Budget scan) {
      this.names = names;
      this.patterns = patterns;
      this.scan = scan;
    }

    @Override
    public boolean matches(Topic topic) {
      if (names.contains(topic.name())) {
        return true;
      }
      if (patterns.isEmpty()) {
        return false;
      }
      return BoundedMatch.within(scan != null ? scan : new BoundedMatch.Budget(BoundedMatch.PER_EVALUATION), () -> {
        for (int i = 0; i < patterns.size(); i++) {
          if (patterns.get(i).matches(topic)) {
            return true;
          }
        }
        return false;
      });
    }

    @Override
    public TopicMatcher forScan() {
      return new AnyOf(names, patterns, new BoundedMatch.Budget(BoundedMatch.PER_SCAN));
    }

    @Override
    public boolean cutShort() {
      return scan != null && scan.exhausted();
    }
  }

  /** Collects selectors of any kind into one matcher. */
  static final class Builder {
    private final Set<String> exact = new HashSet<>();
    private final List<TopicMatcher> others = new ArrayList<>();

    void exact(String topic) {
      exact.add(topic);
    }

    void matcher(TopicMatcher matcher) {
      others.add(matcher);
    }

    boolean isEmpty() {
      return exact.isEmpty() && others.isEmpty();
    }

    TopicMatcher build() {
      return anyOf(exact, others);
    }
  }

  /** A matcher that matches nothing: a token without grants. */
  static final TopicMatcher NOTHING = topic -> false;

  static boolean isEveryTopic(TopicMatcher matcher) {
    return matcher == EVERY_TOPIC;
  }
}
