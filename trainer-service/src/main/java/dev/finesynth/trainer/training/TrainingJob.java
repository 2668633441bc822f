package dev.finesynth.trainer.training;

import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.events.MetricEvent;
import dev.finesynth.contracts.events.ModelArtifact;
import dev.finesynth.contracts.events.TrainingSpec;
import dev.finesynth.contracts.events.Triplet;
import dev.finesynth.encoders.BiEncoder;
import dev.finesynth.encoders.EncoderOptions;
import dev.finesynth.encoders.Encoders;
import dev.finesynth.encoders.export.BiEncoderExporter;
import dev.finesynth.encoders.train.Checkpoint;
import dev.finesynth.encoders.train.EpochResult;
import dev.finesynth.encoders.train.MarginMseTrainer;
import dev.finesynth.encoders.train.MarginTriplet;
import dev.finesynth.encoders.train.TrainingProgress;
import dev.finesynth.servicekit.CancelledRuns;
import dev.finesynth.servicekit.RunEventPublisher;
import dev.finesynth.servicekit.RunGauges;
import dev.finesynth.trainer.dataset.DatasetStore;
import dev.finesynth.trainer.dataset.RunDataset;
import io.smallrye.reactive.messaging.kafka.Record;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * One run's fine-tuning: loads the dataset and the base model, resumes from the last checkpoint if
 * there is one, and after every epoch exports the model and announces it on {@code models}. When
 * the run is cancelled it stops after the step in progress: no further checkpoint, model or
 * announcement.
 */
final class TrainingJob {
  private static final Logger LOG = Logger.getLogger(TrainingJob.class);
  private static final int LOSS_METRIC_EVERY = 10;

  private final TrainingPlan plan;
  private final DatasetStore datasets;
  private final ModelStore models;
  private final RunEventPublisher events;
  private final CancelledRuns cancelled;
  private final Emitter<Record<String, String>> modelEmitter;
  private final Emitter<Record<String, String>> metricEmitter;
  private final EventCodec codec;
  private final RunGauges gauges;

  TrainingJob(
      TrainingPlan plan,
      DatasetStore datasets,
      ModelStore models,
      RunEventPublisher events,
      CancelledRuns cancelled,
      Emitter<Record<String, String>> modelEmitter,
      Emitter<Record<String, String>> metricEmitter,
      EventCodec codec,
      RunGauges gauges) {
    this.plan = plan;
    this.datasets = datasets;
    this.models = models;
    this.events = events;
    this.cancelled = cancelled;
    this.modelEmitter = modelEmitter;
    this.metricEmitter = metricEmitter;
    this.codec = codec;
    this.gauges = gauges;
  }

  void run() {
    String runId = plan.runId();
    String datasetRun = plan.spec().datasetOf(runId);
    List<MarginTriplet> data = load(datasetRun);
    String checksum = datasets.manifest(datasetRun).orElseThrow().checksum();
    var options = EncoderOptions.builder().optMaxLength(plan.spec().maxSeqLength()).build();
    try (BiEncoder student = Encoders.fromEnvironment().biEncoder(plan.baseModel(), options);
        MarginMseTrainer trainer =
            plan.configure(MarginMseTrainer.builder(), models.checkpoint(runId))
                .setEncoder(student)
                .setTrainingData(data)
                .optProgressListener(this::onStep)
                .build()) {
      if (Checkpoint.exists(models.checkpoint(runId))) {
        trainer.restore(models.checkpoint(runId));
        events.log(
            runId,
            "resumed training from step " + trainer.globalStep() + " of " + trainer.totalSteps());
      } else {
        events.started(
            runId,
            "fine-tuning "
                + plan.baseModel()
                + " on "
                + data.size()
                + " triplets for "
                + plan.spec().epochs()
                + " epochs ("
                + trainer.totalSteps()
                + " steps of "
                + trainer.batchSize()
                + grouping(plan, trainer)
                + (plan.spec().listwise() != null
                    ? ", listwise KL at weight " + plan.spec().listwise().weight() + ")"
                    : ")"));
      }
      try {
        trainEpochs(trainer, student, runId, checksum);
      } catch (Cancelled stopped) {
        cancelled.stop(
            runId,
            "stopped training at step "
                + trainer.globalStep()
                + " of "
                + trainer.totalSteps()
                + "; no further checkpoint or model");
        return;
      }
      models.markFinished(runId, plan.spec().epochs());
      events.completed(
          plan.run(),
          "trainer",
          "training finished; final model in " + models.model(runId, plan.spec().epochs()));
    }
  }

  /** Trains the remaining epochs, exporting and announcing the model of each. */
  /** How the batches group each query's triplets, for the start message. */
  private static String grouping(TrainingPlan plan, MarginMseTrainer trainer) {
    int run = trainer.tripletsPerQuery();
    if (plan.spec().tripletsPerQueryOrDefault() != TrainingSpec.WHOLE_QUERY) {
      return run > 1 ? ", up to " + run + " per query" : "";
    }
    int longest = trainer.longestList();
    return run < longest
        ? ", lists of up to " + longest + " cut into runs of " + run
        : ", whole queries of up to " + run;
  }

  private void trainEpochs(
      MarginMseTrainer trainer, BiEncoder student, String runId, String checksum) {
    while (!trainer.finished()) {
      EpochResult epoch = trainer.trainEpoch();
      stopIfCancelled(); // the last step's check may have come just before the cancellation
      int number = epoch.epoch() + 1;
      trainer.saveCheckpoint(models.checkpoint(runId));
      var folder = models.model(runId, number);
      BiEncoderExporter.export(student, folder);
      String location = models.publish(runId, number);
      boolean last = trainer.finished();
      MetricEvent loss =
          MetricEvent.of(runId, "trainer", "fine-tuned", number, "loss", 0, epoch.meanLoss());
      gauges.record(loss);
      publish(metricEmitter, runId, codec.encode(loss));
      publish(
          modelEmitter,
          runId,
          codec.encode(
              ModelArtifact.of(runId, number, last, location, plan.baseModel(), checksum)));
      events.log(
          runId,
          String.format(
              Locale.ROOT,
              "epoch %d: mean loss %.5f, %.1f examples/s, peak RSS %d MB, model %s",
              number,
              epoch.meanLoss(),
              epoch.examplesPerSecond(),
              epoch.peakRssBytes() >> 20,
              folder));
    }
  }

  void onStep(TrainingProgress p) {
    stopIfCancelled();
    String runId = plan.runId();
    double eta =
        p.examplesPerSecond() > 0
            ? (p.totalSteps() - p.step()) * p.examples() / p.examplesPerSecond()
            : 0;
    events.progress(
        runId,
        String.format(
            Locale.ROOT,
            "epoch %d step %d/%d loss %.5f %.1f ex/s eta %.0fs",
            p.epoch() + 1,
            p.step(),
            p.totalSteps(),
            p.loss(),
            p.examplesPerSecond(),
            eta),
        Map.of(
            "epoch",
            (double) p.epoch() + 1,
            "step",
            (double) p.step(),
            "totalSteps",
            (double) p.totalSteps(),
            "loss",
            (double) p.loss(),
            "examplesPerSecond",
            p.examplesPerSecond(),
            "etaSeconds",
            eta),
        p.step() == p.totalSteps());
    if (p.step() % LOSS_METRIC_EVERY == 0) {
      publish(
          metricEmitter,
          runId,
          codec.encode(
              MetricEvent.of(
                  runId, "trainer", "fine-tuned", p.epoch() + 1, "step-loss", 0, p.loss())));
    }
  }

  private void stopIfCancelled() {
    if (cancelled.contains(plan.runId())) {
      throw new Cancelled();
    }
  }

  /**
   * Thrown from the step listener when the run is cancelled: the trainer's epoch loop has no other
   * way out between two steps.
   */
  static final class Cancelled extends RuntimeException {
    Cancelled() {
      super("the run is cancelled", null, false, false);
    }
  }

  private List<MarginTriplet> load(String runId) {
    var file = datasets.folder(runId).resolve(RunDataset.JSONL);
    try (var lines = Files.lines(file)) {
      return lines
          .filter(l -> !l.isBlank())
          .map(l -> codec.decode(Triplet.class, l))
          .map(t -> new MarginTriplet(t.query(), t.positive(), t.negative(), (float) t.margin()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the dataset " + file, e);
    }
  }

  private static void publish(Emitter<Record<String, String>> emitter, String key, String json) {
    emitter.send(Record.of(key, json)).toCompletableFuture().join();
  }
}
