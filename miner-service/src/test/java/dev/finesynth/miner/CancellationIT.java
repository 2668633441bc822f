package dev.finesynth.miner;

import static org.awaitility.Awaitility.await;

import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.events.QueryEvent;
import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.RunEventType;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.contracts.topics.Topics;
import dev.finesynth.servicekit.ServiceKitFixture;
import dev.finesynth.testing.KafkaBroker;
import dev.finesynth.testing.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * On a real broker: the miner learns of a cancellation from {@code run-events}, skips the run's
 * queries (whose corpus never comes), commits them, and acknowledges on its own stage.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = CancellationIT.OwnTopics.class, restrictToAnnotatedClass = true)
class CancellationIT {
  private static final String PREFIX =
      "miner-cancel-it-" + UUID.randomUUID().toString().substring(0, 8) + ".";

  @Inject EventCodec codec;

  @Test
  void queriesOfACancelledRunAreSkippedCommittedAndAcknowledged() {
    RunSpec run = ServiceKitFixture.runSpec(UUID.randomUUID().toString(), null, null);
    String queriesTopic = PREFIX + Topics.QUERIES.name();
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of("bootstrap.servers", KafkaBroker.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      producer.send(
          new ProducerRecord<>(PREFIX + Topics.RUNS.name(), run.runId(), codec.encode(run)));
      producer.send(
          new ProducerRecord<>(
              PREFIX + Topics.RUN_EVENTS.name(),
              run.runId(),
              codec.encode(
                  RunEvent.of(
                      run.runId(), "run", RunEventType.CANCELLED, "cancelled by the user"))));
      for (String id : List.of("q1", "q2")) {
        producer.send(
            new ProducerRecord<>(
                queriesTopic,
                run.runId(),
                codec.encode(QueryEvent.of(run.runId(), id, "usb charger " + id))));
      }
    }

    await().atMost(Duration.ofSeconds(120)).until(() -> acknowledged(run.runId()));
    await().atMost(Duration.ofSeconds(60)).until(() -> committed(queriesTopic));
  }

  private boolean acknowledged(String runId) {
    try (var consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of(
                "bootstrap.servers",
                KafkaBroker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "cancel-check-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of(PREFIX + Topics.RUN_EVENTS.name()));
      for (int i = 0; i < 10; i++) {
        for (var record : consumer.poll(Duration.ofMillis(500))) {
          RunEvent event = codec.decode(Topics.RUN_EVENTS, record.value());
          if (event.runId().equals(runId)
              && event.stage().equals("miner")
              && event.type() == RunEventType.CANCELLED) {
            return true;
          }
        }
      }
      return false;
    }
  }

  /** Topics of its own, so other tests' queries waiting for a corpus hold no commit back. */
  public static class OwnTopics implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
      return Map.of("finesynth.topic-prefix", PREFIX);
    }

    @Override
    public void stop() {}
  }

  /** Whether the miner's queries group has committed up to the end of every partition. */
  private static boolean committed(String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaBroker.bootstrapServers()))) {
      var offsets =
          admin
              .listConsumerGroupOffsets(PREFIX + "miner-queries")
              .partitionsToOffsetAndMetadata()
              .get();
      var partitions =
          admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
      for (var p : partitions) {
        TopicPartition tp = new TopicPartition(topic, p.partition());
        long end = admin.listOffsets(Map.of(tp, OffsetSpec.latest())).all().get().get(tp).offset();
        var done = offsets.get(tp);
        if (end > 0 && (done == null || done.offset() < end)) {
          return false;
        }
      }
      return true;
    }
  }
}
