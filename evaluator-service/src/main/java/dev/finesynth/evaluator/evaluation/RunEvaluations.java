package dev.finesynth.evaluator.evaluation;

import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.events.EvaluationSpec;
import dev.finesynth.contracts.events.MetricEvent;
import dev.finesynth.contracts.events.ModelArtifact;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.encoders.Backend;
import dev.finesynth.encoders.BiEncoder;
import dev.finesynth.encoders.EncoderOptions;
import dev.finesynth.encoders.ModelSource;
import dev.finesynth.evaluation.metrics.Metric;
import dev.finesynth.evaluation.metrics.RetrievalReport;
import dev.finesynth.evaluation.report.Checkpoint;
import dev.finesynth.evaluation.retrieval.ModelEvaluator;
import dev.finesynth.servicekit.CancelledRuns;
import dev.finesynth.servicekit.EncoderCache;
import dev.finesynth.servicekit.FolderLock;
import dev.finesynth.servicekit.RunEventPublisher;
import dev.finesynth.servicekit.RunGauges;
import dev.finesynth.servicekit.artifacts.LocalCopy;
import dev.finesynth.servicekit.artifacts.SharedArtifacts;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Evaluates a run's base model ("before", epoch 0) and each fine-tuned model the trainer announces
 * ("after", its epoch), publishes every value to {@code metrics}, and keeps the run's report. The
 * callers run it on the one-thread {@code evaluation} pool: an evaluation uses every core. A
 * cancelled run is not evaluated, and an evaluation under way when it is cancelled publishes
 * nothing.
 */
@Singleton
public class RunEvaluations {
  public static final String BASE = "base";
  public static final String FINE_TUNED = "fine-tuned";
  static final String STAGE = "evaluator";
  private static final String STOPPED = "stopped evaluating; the run's models are not evaluated";

  @Inject EvaluationSets sets;
  @Inject CorpusVectors corpusVectors;
  @Inject ReportStore reports;
  @Inject EncoderCache encoders;
  @Inject RunEventPublisher events;
  @Inject EventCodec codec;
  @Inject MeterRegistry registry;
  @Inject RunGauges gauges;
  @Inject CancelledRuns cancelled;
  @Inject SharedArtifacts artifacts;

  @Inject
  @Channel("metrics")
  Emitter<Record<String, String>> metrics;

  /**
   * Evaluates the run's base model once: a run whose report holds it already is left alone. The
   * instances that share the report folder take turns on the run's epoch lock, so a rebalance that
   * delivers a model twice measures it once.
   */
  public synchronized void evaluateBase(RunSpec run) {
    if (run.evaluation() == null) {
      return;
    }
    try (FolderLock lock = FolderLock.acquire(reports.lock(run.runId(), 0))) {
      measureBase(run);
    }
  }

  private void measureBase(RunSpec run) {
    EvaluationSpec spec = run.evaluation();
    if (resumed(run, BASE, 0) || cancelled.stop(run.runId(), STOPPED)) {
      return;
    }
    EvaluationSets.HeldOut data = sets.load(spec);
    String model = baseModel(run);
    events.started(
        run.runId(),
        String.format(
            Locale.ROOT,
            "evaluating the base model %s: %d queries against %d documents of %s",
            model,
            data.set().queries().size(),
            data.set().corpus().size(),
            spec.location()));
    BiEncoder documents = encoders.biEncoder(model, run.maxDocumentLength());
    BiEncoder queries = encoders.biEncoder(model, run.maxQueryLength());
    RetrievalReport report =
        measure(
            BASE,
            () ->
                ModelEvaluator.evaluate(
                    corpusVectors.index(
                        model, run.maxDocumentLength(), data, documents::encodePassages),
                    queries::encodeQueries,
                    data.set(),
                    spec.ks()));
    if (cancelled.stop(run.runId(), STOPPED)) {
      return; // cancelled while it was measured
    }
    record(run, BASE, 0, report);
    if (run.training() == null) {
      events.completed(run.runId(), "evaluated the base model; the run trains no model");
    }
  }

  /** Evaluates a fine-tuned model folder once; the base goes first when it was not measured yet. */
  public synchronized void evaluateModel(RunSpec run, ModelArtifact artifact) {
    if (cancelled.stop(run.runId(), STOPPED)) {
      return;
    }
    if (run.evaluation() == null) {
      events.log(
          run.runId(),
          "no held-out data: the epoch " + artifact.epoch() + " model is not evaluated");
      return;
    }
    evaluateBase(run);
    try (FolderLock lock = FolderLock.acquire(reports.lock(run.runId(), artifact.epoch()))) {
      if (!resumed(run, FINE_TUNED, artifact.epoch())) {
        measureModel(run, artifact);
      } else if (artifact.finalModel()) {
        completeFinal(run); // an instance killed after the report and before saying so
      }
    }
  }

  private void measureModel(RunSpec run, ModelArtifact artifact) {
    EvaluationSpec spec = run.evaluation();
    EvaluationSets.HeldOut data = sets.load(spec);
    // a location in the artifact store (s3://...) is fetched under finesynth.home, deleted after
    try (LocalCopy model = artifacts.folderAt(artifact.location())) {
      Path folder = model.path();
      if (!Files.isDirectory(folder)) {
        throw new IllegalArgumentException("model folder not found: " + folder);
      }
      ModelSource source = ModelSource.fromFolder(folder);
      boolean oneLength = run.maxQueryLength() == run.maxDocumentLength();
      try (BiEncoder documents = open(source, run.maxDocumentLength());
          BiEncoder queryModel = oneLength ? null : open(source, run.maxQueryLength())) {
        BiEncoder queries = oneLength ? documents : queryModel;
        RetrievalReport report =
            measure(
                FINE_TUNED,
                () ->
                    ModelEvaluator.evaluate(
                        ModelEvaluator.index(data.set().corpus(), documents::encodePassages),
                        queries::encodeQueries,
                        data.set(),
                        spec.ks()));
        if (cancelled.stop(run.runId(), STOPPED)) {
          return; // cancelled while it was measured
        }
        record(run, FINE_TUNED, artifact.epoch(), report);
      }
    }
    if (artifact.finalModel()) {
      completeFinal(run);
    }
  }

  private void completeFinal(RunSpec run) {
    events.completed(
        run, "evaluator", "evaluated the final model; report in " + reports.folder(run.runId()));
  }

  /**
   * Whether the epoch was measured already; when an instance died between its report and its
   * metrics, they are published now from the report, so every epoch's metrics go out once.
   */
  private boolean resumed(RunSpec run, String model, int epoch) {
    var done = reports.checkpoint(run.runId(), epoch);
    if (done.isEmpty()) {
      return false;
    }
    if (reports.unpublished(run.runId(), epoch) && !cancelled.contains(run.runId())) {
      publish(run, model, epoch, done.get().report());
    }
    return true;
  }

  /**
   * Writes the report, logs the headline, then publishes the metrics: a client that ends its wait
   * on the final model's metrics has seen the log line and finds the report on disk.
   */
  private void record(RunSpec run, String model, int epoch, RetrievalReport report) {
    reports.markUnpublished(run.runId(), epoch);
    var files =
        reports.add(
            run.runId(), new Checkpoint(epoch == 0 ? BASE : "epoch " + epoch, epoch, report));
    int headline = run.evaluation().ks().get(0);
    events.log(
        run.runId(),
        String.format(
            Locale.ROOT,
            "%s (epoch %d): ndcg@%d %.4f, recall@%d %.4f over %d queries (%d without judgments"
                + " skipped); report %s",
            model,
            epoch,
            headline,
            report.mean(Metric.NDCG, headline),
            headline,
            report.mean(Metric.RECALL, headline),
            report.evaluatedQueries(),
            report.skippedQueries(),
            files.markdown()));
    publish(run, model, epoch, report);
  }

  /** The epoch's metrics, sent and acknowledged, then marked published beside its report. */
  private void publish(RunSpec run, String model, int epoch, RetrievalReport report) {
    List<CompletableFuture<Void>> sent = new ArrayList<>();
    for (int k : run.evaluation().ks()) {
      for (Metric metric : Metric.values()) {
        MetricEvent event =
            MetricEvent.of(
                run.runId(), STAGE, model, epoch, metric.label(), k, report.mean(metric, k));
        gauges.record(event);
        sent.add(metrics.send(Record.of(event.key(), codec.encode(event))).toCompletableFuture());
      }
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
    reports.markPublished(run.runId(), epoch);
    int evaluated = reports.checkpoints(run.runId()).size();
    int expected = 1 + (run.training() == null ? 0 : run.training().epochs());
    events.progress(
        run.runId(),
        "evaluated " + evaluated + " of " + expected + " models",
        Map.of("models", (double) evaluated, "expected", (double) expected),
        true);
  }

  private RetrievalReport measure(String model, Supplier<RetrievalReport> evaluation) {
    RetrievalReport report =
        Timer.builder("finesynth.evaluation.latency")
            .description("time to evaluate one model on a run's held-out data")
            .tag("model", model)
            .register(registry)
            .record(evaluation);
    registry.counter("finesynth.evaluations", "model", model).increment();
    return report;
  }

  /** ONNX Runtime where the folder has an ONNX file (as the base models), PyTorch otherwise. */
  private static BiEncoder open(ModelSource source, int maxLength) {
    Backend backend = source.onnxFile() != null ? Backend.ONNX_RUNTIME : Backend.PYTORCH;
    return BiEncoder.create(
        source, EncoderOptions.builder().optMaxLength(maxLength).optBackend(backend).build());
  }

  /** The model the run starts from: the training's base model, else the miner's. */
  public static String baseModel(RunSpec run) {
    return run.training() != null && run.training().baseModel() != null
        ? run.training().baseModel()
        : run.models().miner();
  }
}
