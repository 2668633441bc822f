package dev.finesynth.trainer.messaging;

import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.contracts.events.Triplet;
import dev.finesynth.contracts.topics.Topics;
import dev.finesynth.servicekit.BatchDecoder;
import dev.finesynth.servicekit.RunBatches;
import dev.finesynth.servicekit.RunCatalog;
import dev.finesynth.servicekit.RunEventPublisher;
import dev.finesynth.trainer.dataset.DatasetStore;
import dev.finesynth.trainer.training.TrainingRequests;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Persists every run's triplets, each partition into its own part of the run's dataset in the
 * shared folder, and completes a dataset when its parts hold every row, whichever instance stored
 * them. Completing it also completes mining and scoring, which no single miner or scorer instance
 * can see, and asks for the run's training. A run whose triplets cannot be stored fails with the
 * reason before they go to the dead-letter topic.
 */
@ApplicationScoped
public class TripletSink {
  @Inject BatchDecoder decoder;
  @Inject DatasetStore store;
  @Inject RunCatalog runs;
  @Inject RunEventPublisher events;
  @Inject MeterRegistry registry;
  @Inject TrainingRequests trainings;

  @Incoming("triplets")
  @Blocking
  public CompletionStage<Void> persist(KafkaRecordBatch<String, String> batch) throws Exception {
    Map<String, List<BatchDecoder.Keyed<Triplet>>> byRun = new LinkedHashMap<>();
    for (var record : decoder.decode(batch, Topics.TRIPLETS)) {
      if (record.value() != null) {
        byRun.computeIfAbsent(record.value().runId(), k -> new java.util.ArrayList<>()).add(record);
      }
    }
    RunBatches.eachRun(byRun, events, "storing the dataset", "triplets", this::persistRun);
    return batch.ack();
  }

  private void persistRun(String runId, List<BatchDecoder.Keyed<Triplet>> records) {
    Map<Integer, List<Triplet>> byPartition = new LinkedHashMap<>();
    records.forEach(
        r ->
            byPartition
                .computeIfAbsent(r.partition(), k -> new java.util.ArrayList<>())
                .add(r.value()));
    var dataset = store.dataset(runId);
    int added = 0;
    for (var part : byPartition.entrySet()) {
      added += dataset.add(part.getKey(), part.getValue());
    }
    registry.counter("finesynth.items", "stage", "dataset").increment(added);
    runs.find(runId).ifPresent(run -> check(run, true));
  }

  /** Runs whose last triplets arrived before their spec, or on two instances at once. */
  @Scheduled(every = "${finesynth.trainer.scan-interval:10s}", delayed = "5s")
  void scan() {
    for (RunSpec run : runs.all()) {
      if (store.exists(run.runId()) && store.manifest(run.runId()).isEmpty()) {
        check(run, false);
      }
    }
  }

  /** Reports the dataset's rows, and completes it once it holds them all. */
  private void check(RunSpec run, boolean report) {
    String runId = run.runId();
    if (store.manifest(runId).isPresent()) {
      return;
    }
    long rows = store.dataset(runId).rows();
    boolean full = rows >= run.expectedTriplets();
    if (report || full) {
      events.progress(
          runId,
          "dataset",
          "dataset holds "
              + Math.min(rows, run.expectedTriplets())
              + "/"
              + run.expectedTriplets()
              + " triplets",
          Map.of("triplets", (double) rows, "expected", (double) run.expectedTriplets()),
          full);
    }
    if (!full) {
      return;
    }
    store
        .complete(runId, run.name(), run.models(), run.expectedTriplets())
        .ifPresent(
            manifest -> {
              String queries = "every one of the " + run.expectedQueries() + " queries";
              events.completed(runId, "miner", queries + " mined (the dataset is complete)");
              events.completed(runId, "scorer", queries + " scored (the dataset is complete)");
              events.completed(
                  runId,
                  "dataset",
                  "dataset complete: "
                      + manifest.rows()
                      + " triplets, sha256 "
                      + manifest.checksum());
              trainings.request(run);
            });
  }
}
