package dev.finesynth.servicekit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finesynth.contracts.events.MetricEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class RunGaugesTest {
  @Test
  void eachRunMetricShowsItsLatestEpochsValue() {
    var registry = new SimpleMeterRegistry();
    var gauges = new RunGauges(registry);

    gauges.record(MetricEvent.of("r1", "evaluator", "fine-tuned", 1, "ndcg", 10, 0.41));
    gauges.record(MetricEvent.of("r1", "evaluator", "fine-tuned", 2, "ndcg", 10, 0.47));
    gauges.record(MetricEvent.of("r2", "evaluator", "fine-tuned", 1, "ndcg", 10, 0.30));

    assertThat(registry.get("finesynth.run.metric").tag("run", "r1").gauge().value())
        .isEqualTo(0.47);
    assertThat(registry.get("finesynth.run.metric").tag("run", "r2").gauge().value())
        .isEqualTo(0.30);
  }
}
