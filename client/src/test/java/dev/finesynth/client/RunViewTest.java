package dev.finesynth.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finesynth.contracts.events.EvaluationSpec;
import dev.finesynth.contracts.events.Event;
import dev.finesynth.contracts.events.MetricEvent;
import dev.finesynth.contracts.events.Presets;
import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.RunEventType;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.contracts.events.TrainingSpec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunViewTest {
  private static RunSpec spec(TrainingSpec training, EvaluationSpec evaluation) {
    return new RunSpec(
        Event.SCHEMA_VERSION,
        "r",
        "n",
        "c",
        Presets.models("offline"),
        10,
        64,
        256,
        32,
        10,
        5,
        training,
        evaluation,
        Instant.now(),
        null);
  }

  @Test
  void aSynthesisOnlyRunFinishesWhenMiningScoringAndTheDatasetComplete() {
    RunView run = new RunView(spec(null, null));
    assertThat(run.status()).isEqualTo(RunStatus.CREATED);
    run.apply(RunEvent.of("r", "miner", RunEventType.STARTED, "mining"));
    assertThat(run.status()).isEqualTo(RunStatus.STARTED);
    run.apply(RunEvent.of("r", "miner", RunEventType.COMPLETED, ""));
    run.apply(RunEvent.of("r", "scorer", RunEventType.COMPLETED, ""));
    assertThat(run.status()).isEqualTo(RunStatus.STARTED);
    run.apply(RunEvent.of("r", "dataset", RunEventType.COMPLETED, ""));
    assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
  }

  @Test
  void withTrainingAndEvaluationTheFinalEpochsMetricsEndTheRun() {
    var training = TrainingSpec.defaults().withSchedule("AdamW", 1e-5, 2, 32, 0);
    RunView run =
        new RunView(spec(training, new EvaluationSpec("beir", "/x", "test", List.of(10))));
    for (String stage : List.of("miner", "scorer", "dataset", "trainer")) {
      run.apply(RunEvent.of("r", stage, RunEventType.COMPLETED, ""));
    }
    run.apply(MetricEvent.of("r", "evaluator", "fine-tuned", 1, "ndcg", 10, 0.4));
    assertThat(run.status()).isEqualTo(RunStatus.STARTED);
    run.apply(MetricEvent.of("r", "evaluator", "fine-tuned", 2, "ndcg", 10, 0.42));
    assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
  }

  @Test
  void aFailureWinsAndKeepsItsReasonAndCancellationWinsOverAll() {
    RunView run = new RunView(spec(null, null));
    run.apply(RunEvent.of("r", "scorer", RunEventType.FAILED, "model not found"));
    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.failureReason()).isEqualTo("scorer: model not found");
    run.apply(RunEvent.of("r", "run", RunEventType.CANCELLED, "by user"));
    assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
  }

  @Test
  void metricsTableHasBaseEpochsAndDelta() {
    MetricsTable table =
        MetricsTable.of(
            List.of(
                MetricEvent.of("r", "evaluator", "base", 0, "ndcg", 10, 0.40),
                MetricEvent.of("r", "evaluator", "fine-tuned", 1, "ndcg", 10, 0.43),
                MetricEvent.of("r", "trainer", "fine-tuned", 1, "loss", 0, 0.01)));
    assertThat(table.value("ndcg@10", 1)).isEqualTo(0.43);
    assertThat(table.rows()).containsOnlyKeys("ndcg@10");
    assertThat(table.render()).contains("base").contains("epoch 1").contains("+0.0300");
  }
}
