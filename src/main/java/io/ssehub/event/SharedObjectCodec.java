package io.ssehub.event;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

import java.nio.charset.StandardCharsets;

/**
 * An event-bus codec for the hub's immutable messages: locally every consumer gets the same instance (no copy); on a
 * clustered bus the subclass writes and reads the wire form, with the string helpers here.
 */
public abstract class SharedObjectCodec<T> implements MessageCodec<T, T> {

  private final String name;

  protected SharedObjectCodec(String name) {
    this.name = name;
  }

  @Override
  public final T transform(T object) {
    return object;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final byte systemCodecID() {
    return -1;
  }

  /** A length-prefixed UTF-8 string; -1 for null. */
  protected static void writeString(Buffer buffer, String value) {
    if (value == null) {
      buffer.appendInt(-1);
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    buffer.appendInt(bytes.length).appendBytes(bytes);
  }

  /** Reads what {@link #writeString} wrote at {@code cursor[0]}, and moves the cursor past it. */
  protected static String readString(Buffer buffer, int[] cursor) {
    int length = buffer.getInt(cursor[0]);
    cursor[0] += 4;
    if (length < 0) {
      return null;
    }
    String value = buffer.getString(cursor[0], cursor[0] + length, StandardCharsets.UTF_8.name());
    cursor[0] += length;
    return value;
  }
}
