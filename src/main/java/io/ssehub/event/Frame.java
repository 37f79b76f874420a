package io.ssehub.event;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledUnsafeDirectByteBuf;
import io.netty.util.internal.PlatformDependent;
import io.vertx.core.buffer.Buffer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of one block of an SSE stream (an event, a comment, the opening {@code retry:}), built once and shared by
 * every stream that sends it. Two forms:
 * <ul>
 *   <li>{@link #chunk()}: framed as one HTTP/1.1 chunk (hex size, CRLF, the bytes, CRLF), in one buffer of direct
 *   memory that nothing writes to or releases. An HTTP/1.x stream writes a {@link ByteBuf#duplicate() duplicate} of it
 *   straight to its channel, below the HTTP encoder: no copy (a heap buffer would be copied to direct memory on every
 *   write to a socket), no chunk header, no promise per delivery. The garbage collector frees the memory once the
 *   frame is unreachable: it leaves history and every outbound buffer.</li>
 *   <li>{@link #buffer()}: the bytes alone, for a stream written through Vert.x's response (HTTP/2), copied out on
 *   first use.</li>
 * </ul>
 */
public final class Frame {

  private final int start;
  private final int length;
  /** The chunk: hex size, CRLF, the block, CRLF, in one contiguous buffer. */
  private final ByteBuf chunk;
  private volatile Buffer buffer;

  private Frame(byte[] bytes) {
    byte[] size = (Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    this.start = size.length;
    this.length = bytes.length;
    ByteBuffer direct = ByteBuffer.allocateDirect(size.length + bytes.length + 2);
    direct.put(size).put(bytes).put((byte) '\r').put((byte) '\n').flip();
    this.chunk = PlatformDependent.hasUnsafe() ? new SharedChunk(direct)
        : Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct));
  }

  /**
   * A JDK direct buffer as a Netty buffer whose reference count never moves. Each stream writes a duplicate, which its
   * channel releases once written; a duplicate's release is its parent's, so here it must do nothing: the memory is
   * freed by the JDK buffer's cleaner once the frame is unreachable. This saves the wrapper object per write that
   * {@code Unpooled.unreleasableBuffer} would add, leaving the duplicate (40 bytes) as the one allocation per delivery;
   * the native transports write it from its memory address, NIO from a JDK view of it. Not read-only: that would add
   * a view object and a read-only NIO buffer to every write; nothing writes into it.
   */
  private static final class SharedChunk extends UnpooledUnsafeDirectByteBuf {
    SharedChunk(ByteBuffer direct) {
      super(UnpooledByteBufAllocator.DEFAULT, direct, direct.remaining());
    }

    @Override
    public ByteBuf retain() {
      return this;
    }

    @Override
    public ByteBuf retain(int increment) {
      return this;
    }

    @Override
    public boolean release() {
      return false;
    }

    @Override
    public boolean release(int decrement) {
      return false;
    }
  }

  /** A frame of these bytes. */
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
      result = Buffer.buffer(bytes());
      buffer = result;
    }
    return result;
  }

  private byte[] bytes() {
    byte[] bytes = new byte[length];
    chunk.getBytes(start, bytes);
    return bytes;
  }

  /** Bytes of the block, without chunk framing. */
  public int length() {
    return length;
  }

  /** Bytes this frame holds, on the heap and off it, for history's byte budget. */
  public long retainedBytes() {
    return 160L + chunk.capacity() + (buffer == null ? 0 : 48L + length);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Frame frame && toString().equals(frame.toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }

  /** The block as text (UTF-8). */
  @Override
  public String toString() {
    return new String(bytes(), StandardCharsets.UTF_8);
  }
}
