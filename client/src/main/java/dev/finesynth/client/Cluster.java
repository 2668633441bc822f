package dev.finesynth.client;

import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.kafka.KafkaConnection;
import dev.finesynth.contracts.kafka.KafkaFailures;
import dev.finesynth.contracts.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The CLI's view of a finesynth cluster: reads topics from their start without a consumer group (so
 * nothing is committed and any machine sees the same history).
 */
public final class Cluster {
  private final KafkaConnection connection;
  private final String prefix;
  private final EventCodec codec = new EventCodec();

  private Cluster(KafkaConnection connection, String prefix) {
    this.connection = connection;
    this.prefix = prefix;
  }

  /** {@link #connect(KafkaConnection, String)} without authentication (a plaintext listener). */
  public static Cluster connect(String bootstrapServers, String prefix) {
    return connect(KafkaConnection.plaintext(bootstrapServers), prefix);
  }

  /**
   * Connects, failing fast with the address and a hint when the cluster does not answer or refuses
   * the credentials.
   */
  public static Cluster connect(KafkaConnection connection, String prefix) {
    try (Admin admin =
        Admin.create(
            connection.config(
                Map.of("request.timeout.ms", 5000, "default.api.timeout.ms", 8000)))) {
      admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw KafkaFailures.explain(connection, e.getCause());
    } catch (TimeoutException e) {
      throw KafkaFailures.explain(connection, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    return new Cluster(connection, prefix);
  }

  public String bootstrapServers() {
    return connection.bootstrapServers();
  }

  public KafkaConnection connection() {
    return connection;
  }

  public String prefix() {
    return prefix;
  }

  public RunPublisher publisher() {
    return new RunPublisher(connection, prefix);
  }

  /** Every valid event of a topic from the start to its current end; tombstones are skipped. */
  public <V> List<V> readAll(Topic<V> topic) {
    List<V> values = new ArrayList<>();
    read(topic, values::add, () -> false);
    return values;
  }

  /** Reads one topic from the start; see {@link #read(List, Consumer, BooleanSupplier)}. */
  @SuppressWarnings("unchecked")
  public <V> void read(Topic<V> topic, Consumer<V> sink, BooleanSupplier follow) {
    read(List.of(topic), value -> sink.accept((V) value), follow);
  }

  /**
   * Reads topics from their start, handing each valid event to {@code sink} in poll order; stops at
   * their current ends unless {@code follow} says to go on, then keeps reading until it says stop.
   */
  public void read(List<Topic<?>> topics, Consumer<Object> sink, BooleanSupplier follow) {
    Map<String, Object> config =
        connection.config(Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
    Map<String, Topic<?>> byName = new HashMap<>();
    topics.forEach(t -> byName.put(t.qualifiedName(prefix), t));
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String name : byName.keySet()) {
        consumer
            .partitionsFor(name, Duration.ofSeconds(10))
            .forEach(p -> partitions.add(new TopicPartition(name, p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (true) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          if (record.value() == null) {
            continue;
          }
          try {
            sink.accept(codec.decode(byName.get(record.topic()), record.value()));
          } catch (RuntimeException invalid) {
            // a malformed record is the services' dead-letter business, not the reader's
          }
        }
        boolean atEnd = partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
        if (atEnd && !follow.getAsBoolean()) {
          return;
        }
      }
    }
  }

  public EventCodec codec() {
    return codec;
  }
}
