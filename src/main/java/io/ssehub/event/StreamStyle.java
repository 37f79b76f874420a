package io.ssehub.event;

import java.util.Map;

/**
 * How a stream opens and what it tells a resuming client, per protocol ({@link StreamProtocol#ssehub},
 * {@link StreamProtocol#MERCURE}); the events' frames are the same bytes in every style.
 *
 * @param headers           the response headers
 * @param opening           the first bytes, written at once so that proxies pass the headers
 * @param resumedFromHeader the response header naming the last event before the first one sent
 * @param replaySignal      whether a resuming stream gets the in-stream replay signal after its replayed events
 */
public record StreamStyle(Map<String, String> headers, Frame opening, String resumedFromHeader,
                          boolean replaySignal) {

  public StreamStyle {
    headers = Map.copyOf(headers);
  }
}
