package dev.finesynth.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finesynth.contracts.events.Presets;
import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.RunEventType;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.contracts.events.TrainingSpec;
import dev.finesynth.encoders.train.TrainingProgress;
import dev.finesynth.servicekit.RecordingEmitter;
import dev.finesynth.servicekit.RunGauges;
import dev.finesynth.servicekit.ServiceKitFixture;
import dev.finesynth.trainer.dataset.DatasetStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the trainer starts a job: once the dataset it trains on is complete (its own or an earlier
 * run's), never for a cancelled run; and a job in progress stops at its next step when cancelled.
 */
class TrainingRunnerTest {
  @TempDir Path home;

  private ServiceKitFixture kit;
  private final RecordingEmitter modelRecords = new RecordingEmitter();
  private final RecordingEmitter metricRecords = new RecordingEmitter();
  private final RunSpec run = ServiceKitFixture.runSpec("r1", TrainingSpec.defaults(), null);

  @BeforeEach
  void wire() {
    kit = new ServiceKitFixture("trainer", home);
  }

  /**
   * A runner that finds every dataset complete; a job it started would fail on the missing data.
   */
  private TrainingRunner runner() {
    TrainingRunner runner = new TrainingRunner();
    runner.runs = kit.runs;
    runner.cancelled = kit.cancelled;
    runner.events = kit.events;
    runner.codec = kit.codec;
    runner.modelEmitter = modelRecords;
    runner.metricEmitter = metricRecords;
    runner.models = new ModelStore();
    runner.models.config = kit.config;
    runner.datasets =
        new DatasetStore() {
          @Override
          public Optional<Manifest> manifest(String runId) {
            return Optional.of(
                new Manifest(
                    runId, "run-" + runId, 8, "abc", Presets.models(Presets.DEFAULT), null, 0));
          }
        };
    return runner;
  }

  @Test
  void aTrainingRequestStartsOnceTheDatasetItNamesIsComplete() {
    TrainingRunner runner = runner();
    runner.datasets =
        new DatasetStore() {
          @Override
          public Optional<Manifest> manifest(String runId) {
            return runId.equals("earlier")
                ? Optional.of(
                    new Manifest(
                        runId, "earlier-run", 8, "abc", Presets.models(Presets.DEFAULT), null, 0))
                : Optional.empty();
          }
        };
    RunSpec fit =
        ServiceKitFixture.runSpec(
            "fit1", TrainingSpec.defaults().withDatasetRunId("earlier"), null);
    RunSpec pending =
        ServiceKitFixture.runSpec(
            "fit2", TrainingSpec.defaults().withDatasetRunId("still-mining"), null);

    assertThat(runner.due(pending)).isFalse();
    assertThat(runner.due(run)).isFalse(); // its own dataset is not complete
    assertThat(runner.due(fit)).isTrue();
  }

  private static TrainingProgress step(long step) {
    return new TrainingProgress(0, (int) step - 1, step, 10, 0.5f, 2e-5f, 1.0, 8, 0.1, 80, -1);
  }

  @Test
  void aCancelledRunIsNotStarted() {
    kit.cancel(run.runId());
    TrainingRunner runner = runner();

    assertThat(runner.due(run)).isFalse();
    assertThat(runner.due(run)).isFalse(); // a repeated request asks again

    assertThat(kit.runEvents())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.stage()).isEqualTo("trainer");
              assertThat(e.type()).isEqualTo(RunEventType.CANCELLED);
              assertThat(e.message()).contains("not started");
            });
    assertThat(modelRecords.sent()).isEmpty();
  }

  @Test
  void aRunWhoseTrainingFailedOrFinishedIsNotTrainedAgain() {
    TrainingRunner runner = runner();
    assertThat(runner.due(run)).isTrue();
    runner.models.markFailed(run.runId(), "out of memory");
    assertThat(runner.due(run)).isFalse();
  }

  @Test
  void aJobInProgressStopsAtTheNextStepWithoutPublishing() {
    TrainingJob job =
        new TrainingJob(
            TrainingPlan.of(run),
            null,
            null,
            kit.events,
            kit.cancelled,
            modelRecords,
            metricRecords,
            kit.codec,
            new RunGauges(new SimpleMeterRegistry()));
    job.onStep(step(1));
    assertThat(kit.runEvents()).extracting(RunEvent::type).containsExactly(RunEventType.PROGRESS);

    kit.cancel(run.runId());

    assertThatThrownBy(() -> job.onStep(step(2))).isInstanceOf(TrainingJob.Cancelled.class);
    assertThat(kit.runEvents()).hasSize(1); // no progress for a step after the cancellation
    assertThat(modelRecords.sent()).isEmpty();
  }
}
