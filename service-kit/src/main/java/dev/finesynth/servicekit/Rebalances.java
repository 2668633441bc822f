package dev.finesynth.servicekit;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells a stage whether the partitions of a batch were taken from this instance since the batch
 * arrived. Batches of the model stages wait for the model one after the other, so when another
 * instance joins the group (a scale-up, a restart) this instance holds minutes of batches whose
 * partitions the newcomer now reads again from the last commit: working on them here would only
 * double them. A stage skips such a stale batch and leaves it unacknowledged (its offsets are the
 * new owner's to commit). The channels name it as their {@code consumer-rebalance-listener.name}.
 */
@ApplicationScoped
@Default // injected by the stages as well as looked up by the connector
@Identifier(Rebalances.NAME)
public class Rebalances implements KafkaConsumerRebalanceListener {
  public static final String NAME = "finesynth-rebalances";

  private final Map<TopicPartition, AtomicLong> revocations = new ConcurrentHashMap<>();

  /** The revocation counts of a batch's partitions when it arrived. */
  public record Ticket(Map<TopicPartition, Long> seen) {}

  public Ticket ticket(KafkaRecordBatch<?, ?> batch) {
    Map<TopicPartition, Long> seen = new HashMap<>();
    for (KafkaRecord<?, ?> record : batch.getRecords()) {
      TopicPartition partition = new TopicPartition(record.getTopic(), record.getPartition());
      seen.computeIfAbsent(partition, p -> count(p).get());
    }
    return new Ticket(seen);
  }

  /**
   * Whether every partition of the ticket's batch was revoked since it arrived (an eager rebalance
   * revokes all at once; a batch that kept some of its partitions is worked on as usual).
   */
  public boolean stale(Ticket ticket) {
    return !ticket.seen().isEmpty()
        && ticket.seen().entrySet().stream().allMatch(e -> count(e.getKey()).get() != e.getValue());
  }

  @Override
  public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    partitions.forEach(p -> count(p).incrementAndGet());
  }

  @Override
  public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    onPartitionsRevoked(consumer, partitions);
  }

  private AtomicLong count(TopicPartition partition) {
    return revocations.computeIfAbsent(partition, p -> new AtomicLong());
  }
}
