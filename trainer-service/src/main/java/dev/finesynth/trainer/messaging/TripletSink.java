package dev.finesynth.trainer.messaging;

import dev.finesynth.contracts.events.DatasetSummary;
import dev.finesynth.contracts.events.Keys;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.contracts.events.Shortfall;
import dev.finesynth.contracts.events.Triplet;
import dev.finesynth.contracts.topics.Topics;
import dev.finesynth.servicekit.BatchDecoder;
import dev.finesynth.servicekit.RunBatches;
import dev.finesynth.servicekit.RunCatalog;
import dev.finesynth.servicekit.RunEventPublisher;
import dev.finesynth.trainer.dataset.DatasetStore;
import dev.finesynth.trainer.dataset.RunDataset;
import dev.finesynth.trainer.training.TrainingRequests;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Persists every run's triplets, each partition into its own part of the run's dataset in the
 * shared folder, and its shortfalls (triplets its queries will not yield), and completes a dataset
 * when its rows and shortfalls add up to the run's expected triplets, whichever instance stored
 * them. Completing it also completes mining and scoring, which no single miner or scorer instance
 * can see, and asks for the run's training; a run that only synthesizes FINISHES there. A run whose
 * triplets cannot be stored fails with the reason before they go to the dead-letter topic.
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
    for (var record : decoder.decode(batch, Topics.TRIPLETS, this::skipBadTriplet)) {
      if (record.value() != null) {
        byRun.computeIfAbsent(record.value().runId(), k -> new ArrayList<>()).add(record);
      }
    }
    RunBatches.eachRun(byRun, events, "storing the dataset", "triplets", this::persistRun);
    return batch.ack();
  }

  @Incoming("shortfalls-in")
  @Blocking
  public CompletionStage<Void> shortfalls(KafkaRecordBatch<String, String> batch) throws Exception {
    Map<String, List<Shortfall>> byRun =
        decoder.decodeByRun(batch, Topics.SHORTFALLS, Shortfall::runId, null);
    RunBatches.eachRun(
        byRun,
        events,
        "storing the shortfalls",
        "shortfalls",
        (runId, shortfalls) -> {
          RunDataset dataset = store.dataset(runId);
          shortfalls.forEach(dataset::addShortfall);
          runs.find(runId).ifPresent(run -> check(run, true));
        });
    return batch.ack();
  }

  /** A triplet record that cannot be read, of a run that skips bad records: one row fewer. */
  private void skipBadTriplet(RunSpec run, String key, String reason) {
    String rest = key.substring(Math.min(key.length(), run.runId().length() + 1));
    store
        .dataset(run.runId())
        .addShortfall(
            Shortfall.of(
                run.runId(),
                rest.isEmpty() ? key : rest,
                "dataset",
                1,
                "bad record skipped: "
                    + (reason.length() > 500 ? reason.substring(0, 500) : reason)));
  }

  private void persistRun(String runId, List<BatchDecoder.Keyed<Triplet>> records) {
    Map<Integer, List<Triplet>> byPartition = new LinkedHashMap<>();
    records.forEach(
        r -> byPartition.computeIfAbsent(r.partition(), k -> new ArrayList<>()).add(r.value()));
    var dataset = store.dataset(runId);
    int added = 0;
    for (var part : byPartition.entrySet()) {
      added += dataset.add(part.getKey(), part.getValue());
    }
    registry.counter("finesynth.items", "stage", "dataset").increment(added);
    runs.find(runId).ifPresent(run -> check(run, true));
  }

  /** Reports the dataset's rows, and completes it once rows and shortfalls make the whole. */
  void check(RunSpec run, boolean report) {
    String runId = run.runId();
    if (store.manifest(runId).isPresent()) {
      return;
    }
    RunDataset dataset = store.dataset(runId);
    long rows = dataset.rows();
    long missing = dataset.missing();
    long expected = Math.max(0, run.expectedTriplets() - missing);
    boolean full = rows >= expected;
    if (report || full) {
      events.progress(
          runId,
          "dataset",
          "dataset holds "
              + Math.min(rows, expected)
              + "/"
              + expected
              + " triplets"
              + (missing > 0 ? " (" + missing + " fewer: " + shortfallSummary(dataset) + ")" : ""),
          Map.of(
              "triplets",
              (double) rows,
              "expected",
              (double) expected,
              "missing",
              (double) missing),
          full);
    }
    if (full) {
      store
          .complete(runId, run.name(), run.models(), expected)
          .ifPresent(manifest -> completed(run, manifest));
    }
  }

  private void completed(RunSpec run, DatasetStore.Manifest manifest) {
    String runId = run.runId();
    String queries = "every one of the " + run.expectedQueries() + " queries";
    events.completed(runId, "miner", queries + " mined (the dataset is complete)");
    events.completed(runId, "scorer", queries + " scored (the dataset is complete)");
    if (manifest.rows() == 0) {
      events.failed(
          runId,
          "no query yielded a triplet: "
              + shortfallSummary(store.dataset(runId))
              + "; a run needs queries with at least two candidates");
      return;
    }
    events.completed(
        run,
        "dataset",
        new DatasetSummary(manifest.rows(), manifest.missing(), manifest.checksum()).message());
    trainings.request(run);
  }

  /** How many queries fell short, and the first reason. */
  private static String shortfallSummary(RunDataset dataset) {
    List<Shortfall> all = dataset.shortfalls();
    if (all.isEmpty()) {
      return "no shortfalls";
    }
    long queries = all.stream().map(s -> Keys.owner(s.queryId())).distinct().count();
    return queries
        + (queries == 1 ? " query" : " queries")
        + " fell short, first "
        + all.get(0).queryId()
        + ": "
        + all.get(0).reason();
  }
}
