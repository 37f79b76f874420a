package io.ssehub.event;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A frame's shared chunk outlives every write of it: channels release their duplicates, never the frame's bytes. */
class FrameTest {

  private static final String CHUNK = "d\r\ndata: hello\n\n\r\n";

  @Test
  void theChunkIsTheBlockFramedAsOneHttpChunk() {
    Frame frame = SseEncoder.event("hello");
    assertEquals(CHUNK, frame.chunk().toString(StandardCharsets.UTF_8));
    assertTrue(frame.chunk().isDirect(), "a socket write copies nothing");
    assertEquals("data: hello\n\n", frame.toString());
    assertEquals(13, frame.length());
  }

  @Test
  void releasingWrittenDuplicatesLeavesTheSharedBytesWhole() {
    Frame frame = SseEncoder.event("hello");
    // Two channels each write and flush a duplicate, as streams do; the outbound buffer releases it once written.
    for (int round = 0; round < 3; round++) {
      EmbeddedChannel a = new EmbeddedChannel();
      EmbeddedChannel b = new EmbeddedChannel();
      a.writeAndFlush(frame.chunk().duplicate());
      b.writeAndFlush(frame.chunk().duplicate());
      ByteBuf writtenA = a.readOutbound();
      ByteBuf writtenB = b.readOutbound();
      assertEquals(CHUNK, writtenA.toString(StandardCharsets.UTF_8));
      assertEquals(CHUNK, writtenB.toString(StandardCharsets.UTF_8));
      assertFalse(writtenA.release(), "a duplicate's release never frees the frame");
      assertFalse(writtenB.release(), "a duplicate's release never frees the frame");
      a.finishAndReleaseAll();
      b.finishAndReleaseAll();
    }
    assertEquals(1, frame.chunk().refCnt());
    assertEquals(CHUNK, frame.chunk().duplicate().toString(StandardCharsets.UTF_8));
    assertEquals(0, frame.chunk().readerIndex(), "writes move their duplicates' indexes, not the frame's");
  }
}
