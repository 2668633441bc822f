package dev.finesynth.evaluator.evaluation;

import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.events.MetricEvent;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.encoders.Backend;
import dev.finesynth.encoders.BiEncoder;
import dev.finesynth.encoders.EncoderOptions;
import dev.finesynth.evaluation.metrics.Metric;
import dev.finesynth.evaluation.metrics.RetrievalReport;
import dev.finesynth.evaluation.report.Checkpoint;
import dev.finesynth.servicekit.EncoderCache;
import dev.finesynth.servicekit.RunEventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Locale;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Evaluates a run's base model ("before", epoch 0) and each fine-tuned model the trainer announces
 * ("after", its epoch), publishes every value to {@code metrics}, and keeps the run's report. One
 * evaluation at a time: each one uses every core.
 */
@Singleton
public class RunEvaluations {
  public static final String BASE = "base";
  public static final String FINE_TUNED = "fine-tuned";

  @Inject EvaluationSets sets;
  @Inject ReportStore reports;
  @Inject EncoderCache encoders;
  @Inject RunEventPublisher events;
  @Inject EventCodec codec;
  @Inject MeterRegistry registry;

  @Inject
  @Channel("metrics")
  Emitter<Record<String, String>> metrics;

  /** Evaluates the base model once per run. */
  public synchronized void evaluateBase(RunSpec run) {
    if (run.evaluation() == null || reports.checkpoint(run.runId(), 0).isPresent()) {
      return;
    }
    events.started(
        run.runId(),
        "evaluating the base model " + baseModel(run) + " on " + run.evaluation().location());
    RetrievalReport report =
        timed(
            () ->
                ModelEvaluator.evaluate(
                    encoders.biEncoder(baseModel(run), run.maxDocumentLength()),
                    encoders.biEncoder(baseModel(run), run.maxQueryLength()),
                    sets.load(run.evaluation()),
                    run.evaluation().ks()));
    record(run, BASE, 0, report);
  }

  /** Evaluates a fine-tuned model folder; the base goes first when it was not measured yet. */
  public synchronized void evaluateModel(RunSpec run, int epoch, boolean finalModel, Path folder) {
    if (run.evaluation() == null) {
      return;
    }
    evaluateBase(run);
    try (BiEncoder documents = BiEncoder.load(folder, options(run.maxDocumentLength()));
        BiEncoder queries = BiEncoder.load(folder, options(run.maxQueryLength()))) {
      RetrievalReport report =
          timed(
              () ->
                  ModelEvaluator.evaluate(
                      documents, queries, sets.load(run.evaluation()), run.evaluation().ks()));
      record(run, FINE_TUNED, epoch, report);
    }
    if (finalModel) {
      events.completed(
          run.runId(), "evaluated the final model; report in " + reports.folder(run.runId()));
    }
  }

  private void record(RunSpec run, String model, int epoch, RetrievalReport report) {
    for (int k : run.evaluation().ks()) {
      for (Metric metric : Metric.values()) {
        MetricEvent event =
            MetricEvent.of(
                run.runId(), "evaluator", model, epoch, metric.label(), k, report.mean(metric, k));
        metrics.send(Record.of(event.key(), codec.encode(event))).toCompletableFuture().join();
      }
    }
    reports.add(run.runId(), new Checkpoint(epoch == 0 ? BASE : "epoch " + epoch, epoch, report));
    int k = run.evaluation().ks().get(0);
    events.log(
        run.runId(),
        String.format(
            Locale.ROOT,
            "%s (epoch %d): ndcg@%d %.4f, recall@%d %.4f over %d queries (%d without judgments skipped)",
            model,
            epoch,
            k,
            report.mean(Metric.NDCG, k),
            k,
            report.mean(Metric.RECALL, k),
            report.evaluatedQueries(),
            report.skippedQueries()));
  }

  private RetrievalReport timed(java.util.function.Supplier<RetrievalReport> evaluation) {
    registry.counter("finesynth.evaluations").increment();
    return Timer.builder("finesynth.evaluation.latency").register(registry).record(evaluation);
  }

  /** Exported models carry no ONNX file: they run on PyTorch. */
  private static EncoderOptions options(int maxLength) {
    return EncoderOptions.builder().optMaxLength(maxLength).optBackend(Backend.PYTORCH).build();
  }

  static String baseModel(RunSpec run) {
    return run.training() != null && run.training().baseModel() != null
        ? run.training().baseModel()
        : run.models().miner();
  }
}
