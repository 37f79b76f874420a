package io.ssehub.support;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.concurrent.TimeUnit;

/**
 * Base of tests that check the event bus's own count of consumers: each test gets a fresh Vert.x instance whose
 * event bus reports to {@link #consumers}, closed after the test.
 */
public abstract class CountedVertxTest {

  protected final ConsumerCounter consumers = new ConsumerCounter();
  protected Vertx vertx;

  @BeforeEach
  void startCountedVertx() {
    vertx = ConsumerCounter.vertxWith(consumers);
  }

  @AfterEach
  void closeCountedVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
