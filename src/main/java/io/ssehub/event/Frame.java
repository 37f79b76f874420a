package io.ssehub.event;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes of one block of an SSE stream (an event, a comment, the opening {@code retry:}), built once and shared by
 * every stream that sends it. Two forms:
 * <ul>
 *   <li>{@link #chunk()}: framed as one HTTP/1.1 chunk (hex size, CRLF, the bytes, CRLF), built with the frame, in a
 *   read-only buffer that nothing releases. An HTTP/1.x stream writes a {@link ByteBuf#duplicate() duplicate} of it
 *   straight to its channel, below the HTTP encoder: no copy, no chunk header, no promise per delivery.</li>
 *   <li>{@link #buffer()}: the bytes alone, for a stream written through Vert.x's response (HTTP/2), built on first
 *   use.</li>
 * </ul>
 */
public final class Frame {

  /** The chunk: hex size, CRLF, the block, CRLF; one array, so that a write is one contiguous buffer. */
  private final byte[] framed;
  private final int start;
  private final int length;
  private final ByteBuf chunk;
  private volatile Buffer buffer;

  private Frame(byte[] bytes) {
    byte[] size = (Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    this.start = size.length;
    this.length = bytes.length;
    this.framed = new byte[size.length + bytes.length + 2];
    System.arraycopy(size, 0, framed, 0, size.length);
    System.arraycopy(bytes, 0, framed, start, length);
    framed[framed.length - 2] = '\r';
    framed[framed.length - 1] = '\n';
    this.chunk = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(framed).asReadOnly());
  }

  /** A frame of these bytes, which the caller no longer changes. */
  static Frame of(byte[] bytes) {
    if (bytes.length == 0) {
      // A chunk of size 0 would end the response.
      throw new IllegalArgumentException("a frame is never empty");
    }
    return new Frame(bytes);
  }

  /** The bytes framed as one HTTP/1.1 chunk; shared: write a duplicate, never this buffer itself. */
  public ByteBuf chunk() {
    return chunk;
  }

  /** The bytes as a Vert.x buffer, for writes through a response. */
  public Buffer buffer() {
    Buffer result = buffer;
    if (result == null) {
      result = Buffer.buffer(Arrays.copyOfRange(framed, start, start + length));
      buffer = result;
    }
    return result;
  }

  /** Bytes of the block, without chunk framing. */
  public int length() {
    return length;
  }

  /** Bytes this frame holds on the heap (both forms), for history's byte budget. */
  public long retainedBytes() {
    return 64L + framed.length + (buffer == null ? 0 : 48L + length);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Frame frame
        && Arrays.equals(framed, start, start + length, frame.framed, frame.start, frame.start + frame.length);
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }

  /** The block as text (UTF-8). */
  @Override
  public String toString() {
    return new String(framed, start, length, StandardCharsets.UTF_8);
  }
}
