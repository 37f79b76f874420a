package io.ssehub.event;

/**
 * The one mapping from a topic to its event-bus address. Nobody else builds address strings, so the prefix can
 * change (or gain a cluster namespace) in one place.
 */
public final class EventAddresses {

  /** Every topic address starts with this prefix; nothing else on the bus does. */
  public static final String PREFIX = "ssehub.topic.";

  /**
   * Where every event goes once more (its first copy, which knows all its topics) while some stream matches topics
   * by pattern: such a stream cannot name its topics' addresses in advance.
   */
  public static final String ALL = "ssehub.events";

  private EventAddresses() {
  }

  public static String of(Topic topic) {
    return PREFIX + topic.name();
  }
}
