package io.ssehub.event;


import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One published event on one topic. Its SSE bytes are encoded once, when it is created, into a {@link Frame} that
 * every subscriber shares. An event published to several topics is one
 * event, with one id and one sequence number, and one copy per topic sharing the same bytes.
 *
 * <p>{@code seq} is the hub's internal position: it increases strictly with every publish, whatever the topic, and
 * is what replay and de-duplication compare. {@code id} is what clients see: generated from {@code seq}, or given by
 * the publisher.
 *
 * <p>Every copy knows all the event's topics ({@link #topics()}), and whether the event is private: a private event
 * reaches only subscribers whose grants allow one of its topics, whichever topic brought it to them.
 */
public final class Event {

  private final long seq;
  private final String id;
  private final List<Topic> topics;
  private final String type;
  private final Long retry;
  private final String data;
  private final long publishedAtMillis;
  private final int copyIndex;
  private final boolean privateUpdate;
  private final Frame frame;
  private volatile Frame topicNamedFrame;

  private Event(long seq, String id, List<Topic> topics, String type, Long retry, String data, long publishedAtMillis,
                int copyIndex, boolean privateUpdate, Frame frame) {
    this.seq = seq;
    this.id = Objects.requireNonNull(id, "id");
    this.topics = topics;
    this.type = type;
    this.retry = retry;
    this.data = Objects.requireNonNull(data, "data");
    this.publishedAtMillis = publishedAtMillis;
    this.copyIndex = copyIndex;
    this.privateUpdate = privateUpdate;
    this.frame = frame;
  }

  /** Creates a public event on one topic and encodes its frame: {@code id}, {@code event}, {@code retry}, data. */
  public static Event create(long seq, String id, Topic topic, String type, Long retry, String data,
                             long publishedAtMillis) {
    return create(seq, id, List.of(topic), type, retry, data, publishedAtMillis, false);
  }

  /**
   * Creates an event on one or more topics (distinct, in the publisher's order) and encodes its frame once; returns
   * its copy on the first topic ({@link #copies()} gives the others).
   *
   * @param privateUpdate whether only subscribers whose grants allow one of its topics may receive it
   */
  public static Event create(long seq, String id, List<Topic> topics, String type, Long retry, String data,
                             long publishedAtMillis, boolean privateUpdate) {
    if (topics.isEmpty()) {
      throw new IllegalArgumentException("an event has at least one topic");
    }
    return new Event(seq, id, List.copyOf(topics), type, retry, data, publishedAtMillis, 0, privateUpdate,
        SseEncoder.event(id, type, retry, data));
  }

  /** The same event on its {@code index}-th topic (counting from 0), sharing its bytes. */
  public Event copy(int index) {
    if (index == copyIndex) {
      return this;
    }
    Objects.checkIndex(index, topics.size());
    return new Event(seq, id, topics, type, retry, data, publishedAtMillis, index, privateUpdate, frame);
  }

  /** Every copy of the event, one per topic, in the publisher's order; this one among them. */
  public List<Event> copies() {
    if (topics.size() == 1) {
      return List.of(this);
    }
    List<Event> copies = new ArrayList<>(topics.size());
    for (int i = 0; i < topics.size(); i++) {
      copies.add(copy(i));
    }
    return copies;
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

  /** The topic of this copy. */
  public Topic topic() {
    return topics.get(copyIndex);
  }

  /** All the event's topics, in the publisher's order: the first is its canonical one. */
  public List<Topic> topics() {
    return topics;
  }

  /** Whether the event is private: only subscribers whose grants allow one of its topics may receive it. */
  public boolean isPrivate() {
    return privateUpdate;
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
      named = SseEncoder.event(id, topic().name(), retry, data);
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
    return "Event[" + id + " on " + topic() + (privateUpdate ? ", private" : "") + "]";
  }
}
