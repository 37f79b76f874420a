package io.ssehub.support;

import io.ssehub.event.EventAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.core.spi.metrics.EventBusMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the consumers registered on the event bus, by topic address, through Vert.x's metrics SPI: the bus's own
 * account of registrations, independent of ssehub's registry.
 */
public final class ConsumerCounter implements EventBusMetrics<String> {

  private final Map<String, AtomicInteger> byAddress = new ConcurrentHashMap<>();

  /** A Vert.x instance whose event bus reports to a new counter. */
  public static Vertx vertxWith(ConsumerCounter counter) {
    VertxMetrics metrics = new VertxMetrics() {
      @Override
      public EventBusMetrics<?> createEventBusMetrics() {
        return counter;
      }
    };
    return Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MetricsOptions().setEnabled(true)))
        .withMetrics(options -> metrics)
        .build();
  }

  @Override
  public String handlerRegistered(String address) {
    byAddress.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
    return address;
  }

  @Override
  public void handlerUnregistered(String address) {
    byAddress.get(address).decrementAndGet();
  }

  /** Consumers currently registered on topic addresses, by topic; topics at zero are left out. */
  public Map<String, Integer> topicConsumers() {
    Map<String, Integer> counts = new TreeMap<>();
    byAddress.forEach((address, count) -> {
      if (address.startsWith(EventAddresses.PREFIX) && count.get() != 0) {
        counts.put(address.substring(EventAddresses.PREFIX.length()), count.get());
      }
    });
    return counts;
  }

  /** Every topic that ever had a consumer, including those that have none now. */
  public Set<String> topicsEverSubscribed() {
    Set<String> topics = new TreeSet<>();
    byAddress.keySet().stream().filter(address -> address.startsWith(EventAddresses.PREFIX))
        .forEach(address -> topics.add(address.substring(EventAddresses.PREFIX.length())));
    return topics;
  }
}
