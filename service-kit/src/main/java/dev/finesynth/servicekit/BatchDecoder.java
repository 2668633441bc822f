package dev.finesynth.servicekit;

import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.topics.Topic;
import dev.finesynth.contracts.validation.InvalidEventException;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
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
 */
@Singleton
public class BatchDecoder {
  @Inject EventCodec codec;
  @Inject DeadLetters deadLetters;

  /** Valid events in batch order; a tombstone (null value) comes back with a null value. */
  public <V> List<Keyed<V>> decode(KafkaRecordBatch<String, String> batch, Topic<V> topic) {
    List<Keyed<V>> valid = new ArrayList<>();
    for (KafkaRecord<String, String> record : batch.getRecords()) {
      if (record.getPayload() == null) {
        valid.add(new Keyed<>(record.getKey(), null, record.getPartition()));
        continue;
      }
      try {
        valid.add(
            new Keyed<>(
                record.getKey(), codec.decode(topic, record.getPayload()), record.getPartition()));
      } catch (InvalidEventException e) {
        deadLetters.send(record, topic.name(), e);
      }
    }
    return valid;
  }

  /**
   * Valid events grouped by the run they belong to, runs and events in batch order: what {@link
   * RunBatches#eachRun} processes.
   */
  public <V> Map<String, List<V>> decodeByRun(
      KafkaRecordBatch<String, String> batch, Topic<V> topic, Function<V, String> runId) {
    Map<String, List<V>> byRun = new LinkedHashMap<>();
    for (Keyed<V> record : decode(batch, topic)) {
      byRun
          .computeIfAbsent(runId.apply(record.value()), k -> new ArrayList<>())
          .add(record.value());
    }
    return byRun;
  }

  /** An event with the key it was published under and the partition it was read from. */
  public record Keyed<V>(String key, V value, int partition) {}
}
