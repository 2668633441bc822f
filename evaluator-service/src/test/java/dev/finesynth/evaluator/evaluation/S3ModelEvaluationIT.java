package dev.finesynth.evaluator.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finesynth.contracts.events.EvaluationSpec;
import dev.finesynth.contracts.events.ModelArtifact;
import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.RunEventType;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.contracts.events.TrainingSpec;
import dev.finesynth.encoders.Backend;
import dev.finesynth.encoders.BiEncoder;
import dev.finesynth.encoders.EncoderOptions;
import dev.finesynth.encoders.Encoders;
import dev.finesynth.encoders.export.BiEncoderExporter;
import dev.finesynth.evaluation.metrics.Metric;
import dev.finesynth.evaluation.metrics.RetrievalReport;
import dev.finesynth.evaluation.report.Checkpoint;
import dev.finesynth.evaluator.TinyBeir;
import dev.finesynth.servicekit.RecordingEmitter;
import dev.finesynth.servicekit.RunGauges;
import dev.finesynth.servicekit.ServiceKitFixture;
import dev.finesynth.servicekit.artifacts.ArtifactStore;
import dev.finesynth.servicekit.artifacts.SharedArtifacts;
import dev.finesynth.servicekit.artifacts.TestBuckets;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code finesynth.artifacts.store=s3}: a model announced at an {@code s3://} location, on an
 * evaluator that shares no folder with the trainer, is fetched under its home, measured, and
 * deleted after; the report goes to the bucket.
 */
class S3ModelEvaluationIT {
  private static final String MODEL = "all-minilm-l6-v2";
  private static final List<Integer> KS = List.of(1, 5);

  @TempDir Path tmp;

  @Test
  void aModelInTheBucketIsFetchedMeasuredAndItsReportPutInTheBucket() throws Exception {
    ArtifactStore bucket = TestBuckets.store("prod");
    Path trainerShared = tmp.resolve("trainer-shared");
    Path model = trainerShared.resolve("models/r1/epoch-1");
    try (BiEncoder base =
        Encoders.fromEnvironment()
            .biEncoder(MODEL, EncoderOptions.builder().optBackend(Backend.PYTORCH).build())) {
      BiEncoderExporter.export(base, model);
    }
    bucket.putFolder(model, "models/r1/epoch-1");
    Path home = tmp.resolve("evaluator-home");
    Path shared = tmp.resolve("evaluator-shared");
    SharedArtifacts artifacts =
        new SharedArtifacts(shared, home.resolve("fetched-artifacts"), Optional.of(bucket));
    ServiceKitFixture kit = new ServiceKitFixture("evaluator", home);
    RecordingEmitter metrics = new RecordingEmitter();
    RunEvaluations evaluations = new RunEvaluations();
    evaluations.artifacts = artifacts;
    evaluations.reports = new ReportStore(shared.resolve("reports"), artifacts);
    evaluations.sets = new EvaluationSets(4);
    evaluations.events = kit.events;
    evaluations.codec = kit.codec;
    evaluations.cancelled = kit.cancelled;
    evaluations.registry = new SimpleMeterRegistry();
    evaluations.gauges = new RunGauges(evaluations.registry);
    evaluations.metrics = metrics;
    Path beir = TinyBeir.write(tmp.resolve("beir"));
    RunSpec run =
        ServiceKitFixture.runSpec(
            "r1", TrainingSpec.defaults(), new EvaluationSpec("beir", beir.toString(), "test", KS));
    evaluations.reports.add("r1", new Checkpoint("base", 0, report())); // measured before

    evaluations.evaluateModel(
        run, ModelArtifact.of("r1", 1, true, bucket.location("models/r1/epoch-1"), MODEL, "c"));

    assertThat(metrics.sent()).hasSize(KS.size() * Metric.values().length);
    assertThat(evaluations.reports.checkpoint("r1", 1)).isPresent();
    assertThat(kit.runEvents()).extracting(RunEvent::type).contains(RunEventType.COMPLETED);
    assertThat(bucket.list("reports/r1"))
        .containsExactly("reports/r1/chart.svg", "reports/r1/report.json", "reports/r1/report.md");
    Path fetched = home.resolve("fetched-artifacts");
    try (Stream<Path> left = Files.list(fetched)) {
      assertThat(left).as("the fetched model is deleted after").isEmpty();
    }
  }

  private static RetrievalReport report() {
    Map<String, Double> means = new LinkedHashMap<>();
    for (int k : KS) {
      for (Metric metric : Metric.values()) {
        means.put(metric.at(k), 0.4);
      }
    }
    return new RetrievalReport(KS, 1, 0, means, Map.of("t1", means));
  }
}
