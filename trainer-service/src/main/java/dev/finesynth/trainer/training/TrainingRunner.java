package dev.finesynth.trainer.training;

import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.servicekit.CancelledRuns;
import dev.finesynth.servicekit.RunCatalog;
import dev.finesynth.servicekit.RunEventPublisher;
import dev.finesynth.trainer.dataset.DatasetStore;
import dev.finesynth.trainer.messaging.TripletSink;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * Starts training for every run whose dataset is complete and whose training is not finished: when
 * the sink completes a dataset, and on a timer, which also resumes runs a killed trainer left
 * behind. Training runs on one dedicated thread (never the event loop; one gradient collector per
 * JVM). A cancelled run is not started, and a job in progress stops at its next step.
 */
@Singleton
public class TrainingRunner {
  private static final Logger LOG = Logger.getLogger(TrainingRunner.class);

  private static final String NOT_STARTED = "training not started: the run is cancelled";

  @Inject RunCatalog runs;
  @Inject CancelledRuns cancelled;
  @Inject DatasetStore datasets;
  @Inject ModelStore models;
  @Inject RunEventPublisher events;
  @Inject EventCodec codec;

  @Inject
  @Channel("models")
  Emitter<Record<String, String>> modelEmitter;

  @Inject
  @Channel("metrics")
  Emitter<Record<String, String>> metricEmitter;

  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "trainer"));
  private final Set<String> queued = ConcurrentHashMap.newKeySet();

  void onDatasetCompleted(@Observes TripletSink.DatasetCompleted completed) {
    runs.find(completed.runId()).ifPresent(this::submit);
  }

  @Scheduled(every = "${finesynth.trainer.scan-interval:10s}", delayed = "5s")
  void scan() {
    runs.all().forEach(this::submit);
  }

  /**
   * Queues the run's training if it is due (its dataset, or the earlier run's dataset it names, is
   * complete); returns whether it was queued now.
   */
  public boolean submit(RunSpec run) {
    if (run.training() == null
        || models.finished(run.runId())
        || datasets.manifest(run.training().datasetOf(run.runId())).isEmpty()
        || queued.contains(run.runId()) // a job in progress acknowledges its own cancellation
        || cancelled.stop(run.runId(), NOT_STARTED)
        || !queued.add(run.runId())) {
      return false;
    }
    worker.submit(() -> train(run));
    return true;
  }

  private void train(RunSpec run) {
    if (cancelled.stop(run.runId(), NOT_STARTED)) {
      return; // cancelled while it waited for the worker
    }
    try {
      new TrainingJob(
              TrainingPlan.of(run),
              datasets,
              models,
              events,
              cancelled,
              modelEmitter,
              metricEmitter,
              codec)
          .run();
    } catch (RuntimeException e) {
      LOG.errorf(e, "training of run %s failed", run.runId());
      events.failed(run.runId(), "training failed: " + e.getMessage());
    }
  }

  @PreDestroy
  void stop() {
    worker.shutdownNow();
  }
}
