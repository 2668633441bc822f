package dev.finesynth.miner.messaging;

import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.events.QueryEvent;
import dev.finesynth.contracts.events.Relation;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.contracts.topics.Topics;
import dev.finesynth.miner.index.CorpusIndexes;
import dev.finesynth.miner.index.RelationMiner;
import dev.finesynth.miner.index.VectorIndex;
import dev.finesynth.servicekit.BatchDecoder;
import dev.finesynth.servicekit.CancelledRuns;
import dev.finesynth.servicekit.EncoderCache;
import dev.finesynth.servicekit.RunBatches;
import dev.finesynth.servicekit.RunCatalog;
import dev.finesynth.servicekit.RunEventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Mines each query's positive and hard negatives, from the dense index and, for hybrid runs, BM25;
 * every candidate carries its BM25 score for a teacher that fuses it. A batch whose run or corpus
 * is not ready waits here; meanwhile the connector stops fetching (its queue is full), so nothing
 * is dropped. The queries of a cancelled run are skipped, and committed with the batch. A run whose
 * queries cannot be mined fails with the reason before they go to the dead-letter topic.
 */
@ApplicationScoped
public class QueryMiningProcessor {
  private static final Logger LOG = Logger.getLogger(QueryMiningProcessor.class);
  private static final Duration WAIT_STEP = Duration.ofSeconds(30);
  private static final String STOPPED = "stopped mining; the run's remaining queries are skipped";

  @Inject BatchDecoder decoder;
  @Inject RunCatalog runs;
  @Inject CancelledRuns cancelled;
  @Inject CorpusIndexes indexes;
  @Inject EncoderCache encoders;
  @Inject RunEventPublisher events;
  @Inject EventCodec codec;
  @Inject MeterRegistry registry;

  @Inject
  @Channel("relations")
  Emitter<Record<String, String>> relations;

  private final Map<String, AtomicLong> mined = new ConcurrentHashMap<>();

  @Incoming("queries")
  @Blocking("inference")
  public CompletionStage<Void> mine(KafkaRecordBatch<String, String> batch) throws Exception {
    Map<String, List<QueryEvent>> byRun =
        decoder.decodeByRun(batch, Topics.QUERIES, QueryEvent::runId);
    List<CompletableFuture<Void>> sent = new ArrayList<>();
    RunBatches.eachRun(
        byRun,
        events,
        "mining",
        "queries",
        (runId, queries) -> {
          Optional<RunSpec> spec = awaitRun(runId);
          Optional<VectorIndex> ready =
              spec.isPresent() ? awaitCorpus(spec.get()) : Optional.empty();
          if (ready.isPresent()) { // else cancelled
            mine(spec.get(), ready.get(), queries, sent);
          }
        });
    registry.summary("finesynth.batch.size", "stage", "miner").record(batch.getRecords().size());
    return RunBatches.allSent(sent, byRun.keySet(), events, "sending relations", "queries")
        .thenCompose(v -> batch.ack());
  }

  private void mine(
      RunSpec run, VectorIndex index, List<QueryEvent> queries, List<CompletableFuture<Void>> sent)
      throws Exception {
    List<Relation> found =
        Timer.builder("finesynth.model.latency")
            .tag("stage", "miner")
            .register(registry)
            .recordCallable(() -> mineRun(run, index, queries));
    for (Relation relation : found) {
      sent.add(
          relations.send(Record.of(relation.key(), codec.encode(relation))).toCompletableFuture());
    }
    report(run, found.size());
  }

  private List<Relation> mineRun(RunSpec run, VectorIndex index, List<QueryEvent> queries) {
    var encoder = encoders.biEncoder(run.models().miner(), run.maxQueryLength());
    List<float[]> vectors = encoder.encodeQueries(queries.stream().map(QueryEvent::text).toList());
    RelationMiner miner =
        new RelationMiner(
            index,
            indexes.lexical(run.corpusId()),
            indexes.store(run.corpusId()),
            run.numRelations(),
            run.models().lexicalShareOrDefault());
    return miner.mine(run.runId(), queries, vectors);
  }

  private void report(RunSpec run, int count) {
    long total =
        mined
            .computeIfAbsent(
                run.runId(),
                k -> {
                  events.started(
                      run.runId(),
                      "mining "
                          + run.expectedQueries()
                          + " queries against corpus "
                          + run.corpusId());
                  return new AtomicLong();
                })
            .addAndGet(count);
    registry.counter("finesynth.items", "stage", "miner").increment(count);
    boolean done = total >= run.expectedQueries();
    events.progress(
        run.runId(),
        "mined " + total + "/" + run.expectedQueries() + " queries",
        Map.of("queries", (double) total, "expected", (double) run.expectedQueries()),
        done);
    if (done) {
      events.completed(run.runId(), "mined " + total + " queries");
    }
  }

  /** The run's spec once it has arrived; none if the run is, or gets, cancelled meanwhile. */
  private Optional<RunSpec> awaitRun(String runId) throws InterruptedException {
    while (!cancelled.stop(runId, STOPPED)) {
      Optional<RunSpec> run = runs.find(runId);
      if (run.isPresent()) {
        return run;
      }
      LOG.infof("queries of run %s wait for its run spec", runId);
      runs.awaitChange(WAIT_STEP);
    }
    return Optional.empty();
  }

  /** The run's index once its corpus is complete; none if the run gets cancelled meanwhile. */
  private Optional<VectorIndex> awaitCorpus(RunSpec run) throws InterruptedException {
    while (!cancelled.stop(run.runId(), STOPPED)) {
      Optional<VectorIndex> index = indexes.awaitComplete(run, WAIT_STEP);
      if (index.isPresent()) {
        return index;
      }
      LOG.infof(
          "run %s waits for corpus %s: %d of %d documents",
          run.runId(),
          run.corpusId(),
          indexes.store(run.corpusId()).size(),
          run.expectedDocuments());
    }
    return Optional.empty();
  }
}
