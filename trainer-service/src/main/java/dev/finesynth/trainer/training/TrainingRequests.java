package dev.finesynth.trainer.training;

import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.contracts.events.TrainingRequest;
import dev.finesynth.servicekit.CancelledRuns;
import dev.finesynth.servicekit.RunCatalog;
import dev.finesynth.trainer.dataset.DatasetStore;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Asks the trainers' group to train a run: when its dataset completes, and when an instance sees a
 * run whose dataset is complete but whose training has not ended (a fit of an earlier run's
 * dataset, or a run whose request was lost in a crash). Requests for one run share its key, hence
 * its partition and its consumer, so a repeated request finds the run trained and does nothing.
 */
@Singleton
public class TrainingRequests {
  @Inject DatasetStore datasets;
  @Inject ModelStore models;
  @Inject CancelledRuns cancelled;
  @Inject EventCodec codec;

  @Inject
  @Channel("trainings-out")
  Emitter<Record<String, String>> requests;

  void onRun(@Observes RunCatalog.RunArrived arrived) {
    RunSpec run = arrived.spec();
    if (run.training() != null
        && datasets.manifest(run.training().datasetOf(run.runId())).isPresent()) {
      request(run);
    }
  }

  /** Publishes the run's training request, unless its training has ended or is not asked for. */
  public void request(RunSpec run) {
    if (run.training() == null || models.ended(run.runId()) || cancelled.contains(run.runId())) {
      return;
    }
    TrainingRequest request =
        TrainingRequest.of(run.runId(), run.training().datasetOf(run.runId()));
    requests.send(Record.of(request.key(), codec.encode(request)));
  }
}
