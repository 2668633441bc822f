package dev.finesynth.trainer.training;

import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.contracts.events.TrainingRequest;
import dev.finesynth.contracts.topics.Topics;
import dev.finesynth.servicekit.CancelledRuns;
import dev.finesynth.servicekit.FolderLock;
import dev.finesynth.servicekit.RunCatalog;
import dev.finesynth.servicekit.RunEventPublisher;
import dev.finesynth.servicekit.RunGauges;
import dev.finesynth.trainer.dataset.DatasetStore;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Trains the runs the trainers' group gives this instance ({@code trainings}). A request is
 * committed only when the run's training has ended, so when an instance dies mid-run the group
 * hands the request to another, which resumes from the last checkpoint in the shared folder. The
 * instance that trains a run holds its lock there, so a request that a rebalance delivers twice
 * waits for the first and then finds the run trained. One job at a time (the {@code training} pool
 * has one thread: one gradient collector per JVM). A cancelled run is not started, and a job in
 * progress stops at its next step.
 */
@Singleton
public class TrainingRunner {
  private static final Logger LOG = Logger.getLogger(TrainingRunner.class);
  private static final String NOT_STARTED = "training not started: the run is cancelled";
  private static final Duration SPEC_WAIT = Duration.ofMinutes(10);

  @Inject RunCatalog runs;
  @Inject CancelledRuns cancelled;
  @Inject DatasetStore datasets;
  @Inject ModelStore models;
  @Inject RunEventPublisher events;
  @Inject EventCodec codec;
  @Inject RunGauges gauges;

  @Inject
  @Channel("models")
  Emitter<Record<String, String>> modelEmitter;

  @Inject
  @Channel("metrics")
  Emitter<Record<String, String>> metricEmitter;

  @Incoming("trainings")
  @Blocking("training")
  public void onRequest(Record<String, String> record) throws InterruptedException {
    TrainingRequest request = codec.decode(Topics.TRAININGS, record.value());
    RunSpec run = awaitRun(request.runId());
    if (due(run)) {
      try (FolderLock lock = FolderLock.acquire(models.lock(run.runId()))) {
        if (due(run)) { // another instance may have trained it while this one waited
          train(run);
        }
      }
    }
  }

  /** Whether the run still needs training: asked for, dataset complete, not ended or cancelled. */
  boolean due(RunSpec run) {
    return run.training() != null
        && !models.ended(run.runId())
        && datasets.manifest(run.training().datasetOf(run.runId())).isPresent()
        && !cancelled.stop(run.runId(), NOT_STARTED);
  }

  void train(RunSpec run) {
    try {
      new TrainingJob(
              TrainingPlan.of(run),
              datasets,
              models,
              events,
              cancelled,
              modelEmitter,
              metricEmitter,
              codec,
              gauges)
          .run();
    } catch (RuntimeException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw e; // shutting down: another instance, or this one restarted, resumes the run
      }
      LOG.errorf(e, "training of run %s failed", run.runId());
      models.markFailed(run.runId(), String.valueOf(e.getMessage()));
      events.failed(run.runId(), "training failed: " + e.getMessage());
    }
  }

  private RunSpec awaitRun(String runId) throws InterruptedException {
    long deadline = System.nanoTime() + SPEC_WAIT.toNanos();
    Optional<RunSpec> run;
    while ((run = runs.find(runId)).isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "no run spec for " + runId + " arrived within " + SPEC_WAIT);
      }
      runs.awaitChange(Duration.ofSeconds(5));
    }
    return run.get();
  }
}
