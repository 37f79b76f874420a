package io.ssehub.sse;

import io.ssehub.event.Frame;

/**
 * Where one stream's frames go, once its head is out: straight to its HTTP/1.x channel ({@link ChannelWriter}), or
 * through its Vert.x response ({@link ResponseWriter}: HTTP/2). Writes are not flushed: the stream's event loop
 * flushes each written stream once per pass, so that one pass over many streams costs one flush each.
 */
interface StreamWriter {

  /** Whether the transport's queue is past its limit: the stream must hold further frames back. */
  boolean full();

  /** Queues one frame on the transport, without flushing. */
  void write(Frame frame);

  /** Sends what was written. */
  void flush();

  /** Bytes of frames written so far (without chunk framing). */
  long bytesWritten();
}
