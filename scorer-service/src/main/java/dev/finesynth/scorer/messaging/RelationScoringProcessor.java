package dev.finesynth.scorer.messaging;

import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.events.Relation;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.contracts.events.Triplet;
import dev.finesynth.contracts.topics.Topics;
import dev.finesynth.scorer.teacher.TeacherFactory;
import dev.finesynth.servicekit.BatchDecoder;
import dev.finesynth.servicekit.CancelledRuns;
import dev.finesynth.servicekit.FinesynthConfig;
import dev.finesynth.servicekit.Rebalances;
import dev.finesynth.servicekit.RunBatches;
import dev.finesynth.servicekit.RunCatalog;
import dev.finesynth.servicekit.RunEventPublisher;
import dev.finesynth.servicekit.ShortfallPublisher;
import dev.finesynth.servicekit.WaitingRoom;
import dev.finesynth.teacher.Triplets;
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
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Labels each mined relation's (query, positive, negative) triplets with the teacher's margin; the
 * positive is the miner's rank 1 or, when the run says so, the teacher's best candidate. The
 * relations of a cancelled run are skipped, and committed with the batch. A run whose relations
 * cannot be scored fails with the reason before they go to the dead-letter topic: its dataset can
 * no longer complete, so waiting for it would be waiting for ever. Relations whose run spec has not
 * arrived wait in a {@link WaitingRoom} without holding up other runs. Each instance counts only
 * what it scored; the dataset sink says when the run's scoring is complete.
 */
@ApplicationScoped
public class RelationScoringProcessor {
  @Inject BatchDecoder decoder;
  @Inject RunCatalog runs;
  @Inject CancelledRuns cancelled;
  @Inject TeacherFactory teachers;
  @Inject RunEventPublisher events;
  @Inject EventCodec codec;
  @Inject MeterRegistry registry;
  @Inject FinesynthConfig config;
  @Inject Rebalances rebalances;
  @Inject ShortfallPublisher shortfalls;

  /**
   * A batch emits up to {@code max.poll.records x (numRelations - 1)} triplets at once, more than
   * the default buffer (128) and the sink's in-flight sends (1024) hold at 50 relations. Unbounded
   * is still bounded: a batch is acknowledged only once all its triplets are sent.
   */
  @Inject
  @Channel("triplets")
  @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
  Emitter<Record<String, String>> triplets;

  private final Map<String, AtomicLong> scored = new ConcurrentHashMap<>();
  private WaitingRoom<RunSpec> waiting;

  @PostConstruct
  void open() {
    waiting =
        new WaitingRoom<>(
            "scoring",
            new WaitingRoom.Readiness<>() {
              @Override
              public Optional<RunSpec> ready(String runId) {
                return runs.find(runId);
              }

              @Override
              public String waitingFor(String runId) {
                return "its run spec";
              }
            },
            config.waitDeadline(),
            config.waitCapacity(),
            events,
            cancelled,
            "stopped scoring; the run's remaining relations are skipped");
  }

  @PreDestroy
  void close() {
    waiting.close();
  }

  void onRun(@Observes RunCatalog.RunArrived arrived) {
    waiting.wake();
  }

  @Incoming("relations")
  @Blocking(value = "inference", ordered = false) // a waiting run's batch must not hold the next
  public CompletionStage<Void> score(KafkaRecordBatch<String, String> batch) throws Exception {
    Rebalances.Ticket ticket = rebalances.ticket(batch);
    Map<String, List<Relation>> byRun =
        decoder.decodeByRun(
            batch,
            Topics.RELATIONS,
            Relation::runId,
            (run, key, reason) -> shortfalls.badRecord(run, key, reason, "scorer"));
    List<CompletableFuture<Void>> done = new ArrayList<>();
    RunBatches.eachRun(
        byRun,
        events,
        "scoring",
        "relations",
        (runId, relations) ->
            done.add(waiting.admit(runId, relations, (run, id, rs) -> label(run, id, rs, ticket))));
    registry.summary("finesynth.batch.size", "stage", "scorer").record(batch.getRecords().size());
    return RunBatches.allSent(done, byRun.keySet(), events, "sending triplets", "relations")
        .thenCompose(
            v -> rebalances.stale(ticket) ? CompletableFuture.completedFuture(null) : batch.ack());
  }

  /**
   * Labels a ready run's relations; one model call at a time, from the consumer or the room. A
   * batch whose partitions went to another instance meanwhile is left to it.
   */
  private synchronized List<CompletableFuture<Void>> label(
      RunSpec run, String runId, List<Relation> relations, Rebalances.Ticket ticket)
      throws Exception {
    if (rebalances.stale(ticket)) {
      return List.of();
    }
    List<double[]> scores =
        Timer.builder("finesynth.model.latency")
            .tag("stage", "scorer")
            .register(registry)
            .recordCallable(() -> teachers.forRun(run).score(relations));
    List<Triplet> labelled =
        Triplets.from(relations, scores, Triplets.Positive.of(run.models().positiveOrDefault()));
    List<CompletableFuture<Void>> sent = new ArrayList<>();
    for (Triplet triplet : labelled) {
      sent.add(
          triplets.send(Record.of(triplet.key(), codec.encode(triplet))).toCompletableFuture());
    }
    report(run, relations.size(), labelled.size());
    return sent;
  }

  /** This instance's share of the run: the run's progress is the sum over the instances. */
  private void report(RunSpec run, int relations, int triplets) {
    long total =
        scored
            .computeIfAbsent(
                run.runId(),
                k -> {
                  events.started(run.runId(), "scoring with " + teachers.forRun(run).description());
                  return new AtomicLong();
                })
            .addAndGet(relations);
    registry.counter("finesynth.items", "stage", "scorer").increment(triplets);
    events.progress(
        run.runId(),
        "scored " + total + " queries",
        Map.of("queries", (double) total, "expected", (double) run.expectedQueries()),
        false);
  }
}
