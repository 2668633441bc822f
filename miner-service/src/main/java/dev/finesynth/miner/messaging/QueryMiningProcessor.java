package dev.finesynth.miner.messaging;

import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.events.QueryEvent;
import dev.finesynth.contracts.events.Relation;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.contracts.events.Shortfall;
import dev.finesynth.contracts.topics.Topics;
import dev.finesynth.miner.index.CorpusIndexes;
import dev.finesynth.miner.index.RelationMiner;
import dev.finesynth.miner.index.VectorIndex;
import dev.finesynth.servicekit.BatchDecoder;
import dev.finesynth.servicekit.CancelledRuns;
import dev.finesynth.servicekit.EncoderCache;
import dev.finesynth.servicekit.FinesynthConfig;
import dev.finesynth.servicekit.Rebalances;
import dev.finesynth.servicekit.RunBatches;
import dev.finesynth.servicekit.RunCatalog;
import dev.finesynth.servicekit.RunEventPublisher;
import dev.finesynth.servicekit.ShortfallPublisher;
import dev.finesynth.servicekit.WaitingRoom;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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

/**
 * Mines each query's positive and hard negatives, from the dense index and, for hybrid runs, BM25;
 * every candidate carries its BM25 score for a teacher that fuses it. A run whose spec or corpus is
 * not ready waits in a {@link WaitingRoom}, so the other runs of the batch, and of the batches
 * after it, go on. The queries of a cancelled run are skipped. A run whose queries cannot be mined
 * fails with the reason before they go to the dead-letter topic.
 *
 * <p>Each instance counts only what it mined: with several miners, the run's progress is the sum
 * over the instances' events, and the run's mining is complete when its dataset is (the dataset
 * sink says so), since no instance sees the others' queries.
 */
@ApplicationScoped
public class QueryMiningProcessor {
  private static final String STOPPED = "stopped mining; the run's remaining queries are skipped";

  @Inject BatchDecoder decoder;
  @Inject RunCatalog runs;
  @Inject CancelledRuns cancelled;
  @Inject CorpusIndexes indexes;
  @Inject EncoderCache encoders;
  @Inject RunEventPublisher events;
  @Inject EventCodec codec;
  @Inject MeterRegistry registry;
  @Inject FinesynthConfig config;
  @Inject Rebalances rebalances;
  @Inject ShortfallPublisher shortfallPublisher;

  @Inject
  @Channel("relations")
  Emitter<Record<String, String>> relations;

  private final Map<String, AtomicLong> mined = new ConcurrentHashMap<>();
  private WaitingRoom<Ready> waiting;

  /** A run that can be mined: its spec, and the index of its complete corpus. */
  record Ready(RunSpec spec, VectorIndex index) {}

  @PostConstruct
  void open() {
    waiting =
        new WaitingRoom<>(
            "mining",
            new WaitingRoom.Readiness<>() {
              @Override
              public Optional<Ready> ready(String runId) throws InterruptedException {
                Optional<RunSpec> spec = runs.find(runId);
                if (spec.isEmpty()) {
                  return Optional.empty();
                }
                return indexes
                    .awaitComplete(spec.get(), Duration.ZERO)
                    .map(index -> new Ready(spec.get(), index));
              }

              @Override
              public String waitingFor(String runId) {
                return runs.find(runId)
                    .map(
                        run ->
                            "corpus "
                                + run.corpusId()
                                + ": "
                                + indexes.store(run.corpusId()).size()
                                + " of "
                                + run.expectedDocuments()
                                + " documents")
                    .orElse("its run spec");
              }
            },
            config.waitDeadline(),
            config.waitCapacity(),
            events,
            cancelled,
            STOPPED);
  }

  @PreDestroy
  void close() {
    waiting.close();
  }

  /** A run spec or documents arrived: a waiting run may be ready now. */
  void onRun(@Observes RunCatalog.RunArrived arrived) {
    waiting.wake();
  }

  void onCorpusChange(@Observes CorpusIndexes.CorpusChanged changed) {
    waiting.wake();
  }

  @Incoming("queries")
  @Blocking(value = "inference", ordered = false) // a waiting run's batch must not hold the next
  public CompletionStage<Void> mine(KafkaRecordBatch<String, String> batch) throws Exception {
    Rebalances.Ticket ticket = rebalances.ticket(batch);
    Map<String, List<QueryEvent>> byRun =
        decoder.decodeByRun(
            batch,
            Topics.QUERIES,
            QueryEvent::runId,
            (run, key, reason) -> shortfallPublisher.badRecord(run, key, reason, "miner"));
    List<CompletableFuture<Void>> done = new ArrayList<>();
    RunBatches.eachRun(
        byRun,
        events,
        "mining",
        "queries",
        (runId, queries) ->
            done.add(
                waiting.admit(runId, queries, (ready, id, qs) -> mine(ready, id, qs, ticket))));
    registry.summary("finesynth.batch.size", "stage", "miner").record(batch.getRecords().size());
    return RunBatches.allSent(done, byRun.keySet(), events, "sending relations", "queries")
        .thenCompose(
            v -> rebalances.stale(ticket) ? CompletableFuture.completedFuture(null) : batch.ack());
  }

  /**
   * Mines a ready run's queries; one model call at a time, from the consumer or the room. A batch
   * whose partitions went to another instance meanwhile is left to it.
   */
  private synchronized List<CompletableFuture<Void>> mine(
      Ready ready, String runId, List<QueryEvent> queries, Rebalances.Ticket ticket)
      throws Exception {
    if (rebalances.stale(ticket)) {
      return List.of();
    }
    RunSpec run = ready.spec();
    List<Relation> found =
        Timer.builder("finesynth.model.latency")
            .tag("stage", "miner")
            .register(registry)
            .recordCallable(() -> mineRun(run, ready.index(), queries));
    List<CompletableFuture<Void>> sent = new ArrayList<>();
    for (Relation relation : found) {
      sent.add(
          relations.send(Record.of(relation.key(), codec.encode(relation))).toCompletableFuture());
    }
    sent.addAll(shortfalls(run, queries, found));
    report(run, queries.size());
    return sent;
  }

  /**
   * A query with fewer candidates than the run asks for yields fewer triplets (none below two): the
   * sink hears how many fewer, so that the run still ends, and the run is warned.
   */
  private List<CompletableFuture<Void>> shortfalls(
      RunSpec run, List<QueryEvent> queries, List<Relation> found) {
    Map<String, Integer> candidates = new java.util.HashMap<>();
    found.forEach(r -> candidates.put(r.queryId(), r.documents().size()));
    List<CompletableFuture<Void>> sent = new ArrayList<>();
    List<String> named = new ArrayList<>();
    int missingTotal = 0;
    for (QueryEvent query : queries) {
      int had = candidates.getOrDefault(query.queryId(), 0);
      int missing = (run.numRelations() - 1) - Math.max(0, had - 1);
      if (missing > 0) {
        String reason =
            had + " candidates of the " + run.numRelations() + " asked in corpus " + run.corpusId();
        sent.add(
            shortfallPublisher.send(
                Shortfall.of(run.runId(), query.queryId(), "miner", missing, reason)));
        missingTotal += missing;
        if (named.size() < 3) {
          named.add(query.queryId() + " (" + had + ")");
        }
      }
    }
    if (missingTotal > 0) {
      events.log(
          run.runId(),
          "warning: queries with fewer candidates than the "
              + run.numRelations()
              + " asked yield "
              + missingTotal
              + " fewer triplets (first: "
              + String.join(", ", named)
              + ")");
    }
    return sent;
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

  /** This instance's share of the run: the run's progress is the sum over the instances. */
  private void report(RunSpec run, int count) {
    long total =
        mined
            .computeIfAbsent(
                run.runId(),
                k -> {
                  events.started(
                      run.runId(),
                      "mining the queries of "
                          + run.expectedQueries()
                          + " against corpus "
                          + run.corpusId());
                  return new AtomicLong();
                })
            .addAndGet(count);
    registry.counter("finesynth.items", "stage", "miner").increment(count);
    events.progress(
        run.runId(),
        "mined " + total + " queries",
        Map.of("queries", (double) total, "expected", (double) run.expectedQueries()),
        false);
  }
}
