package dev.finesynth.evaluator.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finesynth.contracts.events.EvaluationSpec;
import dev.finesynth.contracts.events.ModelArtifact;
import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.RunEventType;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.contracts.events.TrainingSpec;
import dev.finesynth.evaluation.metrics.Metric;
import dev.finesynth.evaluation.metrics.RetrievalReport;
import dev.finesynth.evaluation.report.Checkpoint;
import dev.finesynth.servicekit.RecordingEmitter;
import dev.finesynth.servicekit.RunGauges;
import dev.finesynth.servicekit.ServiceKitFixture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cancelled run's models are not evaluated: no held-out data is loaded, no model opened, no
 * metric published, and the evaluator says so once.
 */
class EvaluatorCancellationTest {
  @TempDir Path home;

  private final ServiceKitFixture kit = new ServiceKitFixture("evaluator");
  private final RecordingEmitter metrics = new RecordingEmitter();
  private final RunEvaluations evaluations = new RunEvaluations();
  private final RunSpec run =
      ServiceKitFixture.runSpec(
          "r1",
          TrainingSpec.defaults(),
          new EvaluationSpec("beir", "/nowhere", "test", List.of(10)));

  @BeforeEach
  void wire() {
    evaluations.reports = new ReportStore(home);
    evaluations.events = kit.events;
    evaluations.codec = kit.codec;
    evaluations.cancelled = kit.cancelled;
    evaluations.registry = new SimpleMeterRegistry();
    evaluations.gauges = new RunGauges(evaluations.registry);
    evaluations.metrics = metrics;
    // no evaluation sets, corpus vectors or encoders: evaluating would fail the test
  }

  @Test
  void neitherTheBaseNorATrainedModelOfACancelledRunIsEvaluated() {
    kit.cancel(run.runId());

    evaluations.evaluateBase(run);
    evaluations.evaluateModel(run, ModelArtifact.of(run.runId(), 1, false, "/nowhere", "m", "c"));
    evaluations.evaluateModel(run, ModelArtifact.of(run.runId(), 2, true, "/nowhere", "m", "c"));

    assertThat(metrics.sent()).isEmpty();
    assertThat(evaluations.reports.checkpoints(run.runId())).isEmpty();
    assertThat(kit.runEvents())
        .singleElement()
        .extracting(RunEvent::stage, RunEvent::type)
        .containsExactly("evaluator", RunEventType.CANCELLED);
  }

  @Test
  void aBaseMeasuredBeforeTheCancellationIsNotMeasuredAgainNorAcknowledged() {
    Map<String, Double> means = new LinkedHashMap<>();
    for (Metric metric : Metric.values()) {
      means.put(metric.at(10), 0.4);
    }
    evaluations.reports.add(
        run.runId(),
        new Checkpoint(
            "base", 0, new RetrievalReport(List.of(10), 1, 0, means, Map.of("q1", means))));
    kit.cancel(run.runId());

    evaluations.evaluateBase(run); // as at every start, for every run with held-out data

    assertThat(kit.runEvents()).isEmpty();
  }
}
