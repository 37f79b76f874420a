package io.ssehub.sse;

import io.ssehub.event.Frame;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes frames through Vert.x's response: the path for HTTP/2 streams, whose frames Vert.x puts in DATA frames of
 * their stream (and flushes itself).
 */
final class ResponseWriter implements StreamWriter {

  private final HttpServerResponse response;
  private long bytes;

  ResponseWriter(HttpServerResponse response) {
    this.response = response;
  }

  @Override
  public boolean full() {
    return response.writeQueueFull();
  }

  @Override
  public void write(Frame frame) {
    response.write(frame.buffer());
    bytes += frame.length();
  }

  @Override
  public void flush() {
  }

  @Override
  public long bytesWritten() {
    return bytes;
  }
}
