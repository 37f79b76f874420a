package io.ssehub.publish;

import io.ssehub.config.GeneratorConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

import java.time.Clock;

/**
 * Publishes the current UTC time of day ({@code HH:MM:SS.ffffff}) on its topic every {@code intervalMillis}, through
 * the shared {@link Publisher} like any other source. Vert.x periodic timers run at a fixed rate, so a 1 ms
 * generator keeps close to 1,000 events per second.
 */
public final class TimeGeneratorVerticle extends VerticleBase {

  private final GeneratorConfig config;
  private final Publisher publisher;
  private final Clock clock;
  private long timerId = -1;

  public TimeGeneratorVerticle(GeneratorConfig config, Publisher publisher, Clock clock) {
    this.config = config;
    this.publisher = publisher;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    timerId = vertx.setPeriodic(config.intervalMillis(),
        id -> publisher.submit(PublishRequest.of(config.topic(), TimeOfDay.format(clock.instant()))));
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timerId);
    return Future.succeededFuture();
  }
}
