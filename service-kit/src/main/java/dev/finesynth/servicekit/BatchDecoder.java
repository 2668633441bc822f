package dev.finesynth.servicekit;

import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.events.Keys;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.contracts.topics.Topic;
import dev.finesynth.contracts.validation.InvalidEventException;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Decodes a consumed batch record by record: valid events come back with their keys, invalid ones
 * go to the channel's dead-letter topic with the reason, and the batch carries on without them.
 *
 * <p>A bad record still counts toward its run's end (the run is the first part of its key): the run
 * fails naming how many records were bad and the first reasons, or, when its spec skips bad
 * records, each one is handed to {@link Skipped} (it becomes a shortfall) and the run is told.
 */
@Singleton
public class BatchDecoder {
  private static final int REASONS_NAMED = 3;
  private static final int MAX_RUNS_AWAITING_SPEC = 1000;

  @Inject EventCodec codec;
  @Inject DeadLetters deadLetters;
  @Inject RunCatalog runs;
  @Inject RunEventPublisher events;

  private final Map<String, List<Runnable>> awaitingSpec = new LinkedHashMap<>();

  /** Bad records whose run's spec had not arrived are settled now. */
  void onRun(@Observes RunCatalog.RunArrived arrived) {
    List<Runnable> waiting;
    synchronized (awaitingSpec) {
      waiting = awaitingSpec.remove(arrived.spec().runId());
    }
    if (waiting != null) {
      waiting.forEach(Runnable::run);
    }
  }

  /** What a stage does with a bad record of a run that skips bad records. */
  @FunctionalInterface
  public interface Skipped {
    void skip(RunSpec run, String key, String reason);
  }

  /** Valid events in batch order; bad records are not attributed to runs (corpus records). */
  public <V> List<Keyed<V>> decode(KafkaRecordBatch<String, String> batch, Topic<V> topic) {
    return decode(batch, topic, null);
  }

  /**
   * Valid events in batch order; a tombstone (null value) comes back with a null value on a
   * compacted topic, and is a bad record on the others. With {@code skipped}, each bad record's run
   * fails or, if it skips bad records, hears of it.
   */
  public <V> List<Keyed<V>> decode(
      KafkaRecordBatch<String, String> batch, Topic<V> topic, Skipped skipped) {
    List<Keyed<V>> valid = new ArrayList<>();
    Map<String, List<String>> badByRun = new LinkedHashMap<>();
    for (KafkaRecord<String, String> record : batch.getRecords()) {
      if (record.getPayload() == null && topic.compacted()) {
        valid.add(new Keyed<>(record.getKey(), null, record.getPartition()));
        continue;
      }
      try {
        if (record.getPayload() == null) {
          throw new InvalidEventException(
              "$", "is a tombstone (no value), but " + topic.name() + " takes no deletions");
        }
        valid.add(
            new Keyed<>(
                record.getKey(), codec.decode(topic, record.getPayload()), record.getPartition()));
      } catch (InvalidEventException e) {
        deadLetters.send(record, topic.name(), e);
        if (skipped != null && record.getKey() != null) {
          badByRun
              .computeIfAbsent(Keys.owner(record.getKey()), k -> new ArrayList<>())
              .add(record.getKey() + ": " + e.getMessage());
        }
      }
    }
    badByRun.forEach((runId, reasons) -> settle(topic, runId, reasons, skipped));
    return valid;
  }

  /**
   * Fails the run of bad records, or skips them when its spec says so. Records of a run whose spec
   * has not arrived yet (a producer's spec and queries race to the services) wait for it, a bounded
   * number of runs; a run whose spec never comes has only the dead-letter topic.
   */
  private void settle(Topic<?> topic, String runId, List<String> reasons, Skipped skipped) {
    var spec = runs.find(runId);
    if (spec.isEmpty()) {
      synchronized (awaitingSpec) {
        if (awaitingSpec.size() < MAX_RUNS_AWAITING_SPEC || awaitingSpec.containsKey(runId)) {
          awaitingSpec
              .computeIfAbsent(runId, k -> new ArrayList<>())
              .add(() -> settle(topic, runId, reasons, skipped));
        }
      }
      return;
    }
    String named =
        reasons.size()
            + " bad record"
            + (reasons.size() == 1 ? "" : "s")
            + " on "
            + topic.name()
            + " (first: "
            + String.join("; ", reasons.subList(0, Math.min(REASONS_NAMED, reasons.size())))
            + ")";
    if (!spec.get().skipsBadRecords()) {
      events.failed(
          runId, named + "; the run asks not to skip bad records, see the dead-letter topic");
      return;
    }
    for (String reason : reasons) {
      int colon = reason.indexOf(": ");
      skipped.skip(spec.get(), reason.substring(0, colon), reason.substring(colon + 2));
    }
    events.log(runId, "skipped " + named);
  }

  /**
   * Valid events grouped by the run they belong to, runs and events in batch order: what {@link
   * RunBatches#eachRun} processes.
   */
  public <V> Map<String, List<V>> decodeByRun(
      KafkaRecordBatch<String, String> batch,
      Topic<V> topic,
      Function<V, String> runId,
      Skipped skipped) {
    Map<String, List<V>> byRun = new LinkedHashMap<>();
    for (Keyed<V> record : decode(batch, topic, skipped)) {
      byRun
          .computeIfAbsent(runId.apply(record.value()), k -> new ArrayList<>())
          .add(record.value());
    }
    return byRun;
  }

  /** An event with the key it was published under and the partition it was read from. */
  public record Keyed<V>(String key, V value, int partition) {}
}
