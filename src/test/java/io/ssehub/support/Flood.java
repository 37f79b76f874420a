package io.ssehub.support;

import io.ssehub.event.Topic;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Floods a topic until the hub drops a stalled client: what the slow-client tests share. */
public final class Flood {

  private Flood() {
  }

  /**
   * Publishes a few events per timer tick (a pace a reading client keeps up with) until the hub reports a dropped
   * slow client; completes with the number published. Bounded by {@code maxEvents}.
   */
  public static Future<Integer> untilDropped(Vertx vertx, TestHub hub, Topic topic, String payload, int maxEvents) {
    Promise<Integer> done = Promise.promise();
    int[] published = {0};
    vertx.setPeriodic(2, timer -> {
      if (hub.registry().slowClientsDropped() > 0) {
        vertx.cancelTimer(timer);
        done.complete(published[0]);
      } else if (published[0] >= maxEvents) {
        vertx.cancelTimer(timer);
        done.fail(new AssertionError("no slow client dropped after " + maxEvents + " events"));
      } else {
        for (int i = 0; i < 4; i++) {
          hub.publisher().publish(topic, payload);
          published[0]++;
        }
      }
    });
    return done.future();
  }

  /** The most a TCP socket's send buffer may grow to on this machine (tcp_wmem's maximum). */
  public static long kernelSendBufferMax() {
    try {
      String[] values = Files.readString(Path.of("/proc/sys/net/ipv4/tcp_wmem")).trim().split("\\s+");
      return Long.parseLong(values[2]);
    } catch (IOException | RuntimeException e) {
      return 4L << 20;
    }
  }
}
