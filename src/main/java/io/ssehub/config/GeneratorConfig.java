package io.ssehub.config;

import io.ssehub.event.Topic;

import java.util.Set;

/**
 * One entry of {@code generators}: a time generator publishing the UTC time of day on {@code topic} every
 * {@code intervalMillis}.
 */
public record GeneratorConfig(Topic topic, int intervalMillis) {

  public static final String DEFAULT_TOPIC = "time";
  public static final int DEFAULT_INTERVAL_MILLIS = 1000;
  public static final int MAX_INTERVAL_MILLIS = 86_400_000;

  static final Set<String> KEYS = Set.of("topic", "intervalMillis");

  public static GeneratorConfig defaults() {
    return new GeneratorConfig(Topic.of(DEFAULT_TOPIC), DEFAULT_INTERVAL_MILLIS);
  }

  static GeneratorConfig read(ConfigSection section) {
    String name = section.string("topic", null);
    if (name == null) {
      throw section.error("topic", "is missing; every generator needs a topic");
    }
    String problem = Topic.problem(name);
    if (problem != null) {
      throw section.error("topic", ConfigSection.render(name) + " is not a valid topic: " + problem);
    }
    return new GeneratorConfig(Topic.of(name),
        section.integer("intervalMillis", DEFAULT_INTERVAL_MILLIS, 1, MAX_INTERVAL_MILLIS));
  }
}
