package dev.finesynth.trainer.messaging;

import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.contracts.events.Triplet;
import dev.finesynth.contracts.topics.Topics;
import dev.finesynth.servicekit.BatchDecoder;
import dev.finesynth.servicekit.RunBatches;
import dev.finesynth.servicekit.RunCatalog;
import dev.finesynth.servicekit.RunEventPublisher;
import dev.finesynth.trainer.dataset.DatasetStore;
import dev.finesynth.trainer.dataset.RunDataset;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Persists every run's triplets and marks a dataset complete when it holds them all. A run whose
 * triplets cannot be stored fails with the reason before they go to the dead-letter topic.
 */
@ApplicationScoped
public class TripletSink {
  @Inject BatchDecoder decoder;
  @Inject DatasetStore store;
  @Inject RunCatalog runs;
  @Inject RunEventPublisher events;
  @Inject MeterRegistry registry;
  @Inject Event<DatasetCompleted> completed;

  @Incoming("triplets")
  @Blocking
  public CompletionStage<Void> persist(KafkaRecordBatch<String, String> batch) throws Exception {
    Map<String, List<Triplet>> byRun = decoder.decodeByRun(batch, Topics.TRIPLETS, Triplet::runId);
    RunBatches.eachRun(byRun, events, "storing the dataset", "triplets", this::persistRun);
    return batch.ack();
  }

  private void persistRun(String runId, List<Triplet> triplets) {
    RunDataset dataset = store.dataset(runId);
    int added = dataset.add(triplets);
    registry.counter("finesynth.items", "stage", "dataset").increment(added);
    RunSpec run = runs.find(runId).orElse(null);
    if (run == null || store.manifest(runId).isPresent()) {
      return;
    }
    long rows = dataset.rows();
    boolean done = rows >= run.expectedTriplets();
    events.progress(
        runId,
        "dataset",
        "dataset holds " + rows + "/" + run.expectedTriplets() + " triplets",
        Map.of("triplets", (double) rows, "expected", (double) run.expectedTriplets()),
        done);
    if (done) {
      var manifest = store.complete(runId, run.name(), run.models());
      events.completed(
          runId,
          "dataset",
          "dataset complete: " + manifest.rows() + " triplets, sha256 " + manifest.checksum());
      completed.fire(new DatasetCompleted(runId));
    }
  }

  /** Fired once a run's dataset is complete, for the trainer to pick up. */
  public record DatasetCompleted(String runId) {}
}
