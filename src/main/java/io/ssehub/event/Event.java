package io.ssehub.event;


import java.util.Objects;

/**
 * One published event on one topic. Its SSE bytes are encoded once, when it is created, into a {@link Frame} that
 * every subscriber shares. An event published to several topics is one
 * event, with one id and one sequence number, and one copy per topic sharing the same bytes.
 *
 * <p>{@code seq} is the hub's internal position: it increases strictly with every publish, whatever the topic, and
 * is what replay and de-duplication compare. {@code id} is what clients see: generated from {@code seq}, or given by
 * the publisher.
 */
public final class Event {

  private final long seq;
  private final String id;
  private final Topic topic;
  private final String type;
  private final Long retry;
  private final String data;
  private final long publishedAtMillis;
  private final int copyIndex;
  private final Frame frame;
  private volatile Frame topicNamedFrame;

  private Event(long seq, String id, Topic topic, String type, Long retry, String data, long publishedAtMillis,
                int copyIndex, Frame frame) {
    this.seq = seq;
    this.id = Objects.requireNonNull(id, "id");
    this.topic = Objects.requireNonNull(topic, "topic");
    this.type = type;
    this.retry = retry;
    this.data = Objects.requireNonNull(data, "data");
    this.publishedAtMillis = publishedAtMillis;
    this.copyIndex = copyIndex;
    this.frame = frame;
  }

  /** Creates an event and encodes its frame: {@code id}, {@code event}, {@code retry}, {@code data}. */
  public static Event create(long seq, String id, Topic topic, String type, Long retry, String data,
                             long publishedAtMillis) {
    return new Event(seq, id, topic, type, retry, data, publishedAtMillis, 0,
        SseEncoder.event(id, type, retry, data));
  }

  /** The same event on the {@code index}-th topic it was published to (counting from 0), sharing its bytes. */
  public Event onTopic(Topic other, int index) {
    return new Event(seq, id, other, type, retry, data, publishedAtMillis, index, frame);
  }

  /**
   * Which of the event's topics this copy is for, in the order the publisher gave them. A subscriber on several of
   * them gets the copy with the lowest index, live and in replay alike.
   */
  public int copyIndex() {
    return copyIndex;
  }

  public long seq() {
    return seq;
  }

  public String id() {
    return id;
  }

  public Topic topic() {
    return topic;
  }

  /** The publisher's event type, or null for a plain message. */
  public String type() {
    return type;
  }

  public Long retry() {
    return retry;
  }

  public String data() {
    return data;
  }

  public long publishedAtMillis() {
    return publishedAtMillis;
  }

  /** The encoded event as published. */
  public Frame frame() {
    return frame;
  }

  /**
   * The encoded event for a subscriber that asked for topic names: an event without a publisher type is sent as
   * {@code event: <topic>}. Encoded once, on first use, then shared.
   */
  public Frame frame(boolean namedByTopic) {
    if (!namedByTopic || type != null) {
      return frame;
    }
    Frame named = topicNamedFrame;
    if (named == null) {
      named = SseEncoder.event(id, topic.name(), retry, data);
      topicNamedFrame = named;
    }
    return named;
  }

  /** An estimate of the heap this event holds while retained in history, for the history's byte budget. */
  public long retainedBytes() {
    Frame named = topicNamedFrame;
    return 96L + frame.retainedBytes() + (named == null ? 0 : named.retainedBytes()) + 2L * data.length()
        + 2L * id.length();
  }

  @Override
  public String toString() {
    return "Event[" + id + " on " + topic + "]";
  }
}
