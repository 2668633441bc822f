package dev.finesynth.servicekit;

import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.TopicPartition;

/** A consumed batch of keyed JSON values that remembers whether it was acknowledged. */
public final class TestBatch implements KafkaRecordBatch<String, String> {
  private final List<KafkaRecord<String, String>> records;
  private volatile boolean acked;

  private TestBatch(List<KafkaRecord<String, String>> records) {
    this.records = records;
  }

  /** Records keyed by {@code keyed[0]}, {@code keyed[2]}, ... with the values that follow each. */
  public static TestBatch of(String... keyed) {
    List<KafkaRecord<String, String>> records = new java.util.ArrayList<>();
    for (int i = 0; i < keyed.length; i += 2) {
      records.add(KafkaRecord.of(keyed[i], keyed[i + 1]));
    }
    return new TestBatch(List.copyOf(records));
  }

  public boolean acked() {
    return acked;
  }

  @Override
  public CompletionStage<Void> ack() {
    acked = true;
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public List<KafkaRecord<String, String>> getRecords() {
    return records;
  }

  @Override
  public Map<TopicPartition, KafkaRecord<String, String>> getLatestOffsetRecords() {
    return Map.of();
  }

  @Override
  public List<String> getPayload() {
    return records.stream().map(KafkaRecord::getPayload).toList();
  }

  @Override
  public Iterator<KafkaRecord<String, String>> iterator() {
    return records.iterator();
  }
}
