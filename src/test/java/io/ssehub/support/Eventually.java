package io.ssehub.support;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for a state that the server reaches asynchronously (a count going back to zero) by probing again every few
 * milliseconds on a Vert.x timer. Tests bound the wait with {@code @Timeout}; the deadline here turns a hang into a
 * failure that shows the last value seen.
 */
public final class Eventually {

  private static final long PERIOD_MILLIS = 20;

  private Eventually() {
  }

  /** Completes with the first probed value that satisfies {@code done}, or fails after {@code deadlineMillis}. */
  public static <T> Future<T> until(Vertx vertx, Supplier<Future<T>> probe, Predicate<T> done, long deadlineMillis) {
    Promise<T> promise = Promise.promise();
    attempt(vertx, probe, done, promise, System.currentTimeMillis() + deadlineMillis, deadlineMillis);
    return promise.future();
  }

  private static <T> void attempt(Vertx vertx, Supplier<Future<T>> probe, Predicate<T> done, Promise<T> promise,
                                  long deadline, long deadlineMillis) {
    probe.get().onComplete(result -> {
      if (result.succeeded() && done.test(result.result())) {
        promise.complete(result.result());
      } else if (System.currentTimeMillis() > deadline) {
        promise.fail(new AssertionError("not reached within " + deadlineMillis + " ms; last seen: "
            + (result.failed() ? result.cause() : result.result())));
      } else {
        vertx.setTimer(PERIOD_MILLIS, id -> attempt(vertx, probe, done, promise, deadline, deadlineMillis));
      }
    });
  }
}
