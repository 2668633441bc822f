package dev.finesynth.servicekit;

import dev.finesynth.contracts.events.MetricEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The latest value of each run metric (a training's epoch loss, an evaluation's NDCG@10) as the
 * gauge {@code finesynth.run.metric}, so Prometheus and the dashboard plot them per epoch without
 * reading the {@code metrics} topic.
 */
@Singleton
public class RunGauges {
  // gauges hold their source weakly: the values live here
  private final Map<Tags, AtomicLong> latest = new ConcurrentHashMap<>();

  @Inject MeterRegistry registry;

  public RunGauges() {}

  public RunGauges(MeterRegistry registry) {
    this.registry = registry;
  }

  public void record(MetricEvent event) {
    Tags tags =
        Tags.of(
            "run", event.runId(),
            "stage", event.stage(),
            "model", event.model(),
            "metric", event.metric(),
            "k", Integer.toString(event.k()));
    latest
        .computeIfAbsent(
            tags,
            t -> {
              AtomicLong bits = new AtomicLong();
              Gauge.builder("finesynth.run.metric", bits, b -> Double.longBitsToDouble(b.get()))
                  .description("the latest epoch's value of a run metric")
                  .tags(t)
                  .register(registry);
              return bits;
            })
        .set(Double.doubleToLongBits(event.value()));
  }
}
