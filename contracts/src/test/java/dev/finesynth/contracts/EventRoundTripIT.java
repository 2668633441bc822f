package dev.finesynth.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finesynth.contracts.codec.EventSerde;
import dev.finesynth.contracts.events.Event;
import dev.finesynth.contracts.topics.Topic;
import dev.finesynth.contracts.topics.TopicProvisioner;
import dev.finesynth.contracts.topics.Topics;
import dev.finesynth.testing.KafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every event type goes through a real broker with the registry's serde and comes back equal. */
class EventRoundTripIT {
  private static final String PREFIX =
      "roundtrip-" + UUID.randomUUID().toString().substring(0, 8) + ".";

  @BeforeAll
  static void createTopics() {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaBroker.bootstrapServers()))) {
      List<String> created =
          new TopicProvisioner(admin, PREFIX, (short) 1).createMissing(Topics.all());
      assertThat(created).hasSize(Topics.all().size());
      assertThat(new TopicProvisioner(admin, PREFIX, (short) 1).createMissing(Topics.all()))
          .isEmpty();
    }
  }

  @Test
  void everyEventTypeRoundTripsThroughKafka() {
    SampleEvents.onePerTopic().forEach(this::roundTrip);
  }

  @SuppressWarnings("unchecked")
  private <V extends Event> void roundTrip(Topic<?> rawTopic, Event event) {
    Topic<V> topic = (Topic<V>) rawTopic;
    EventSerde<V> serde = EventSerde.of(topic);
    String name = topic.qualifiedName(PREFIX);
    Map<String, Object> common = Map.of("bootstrap.servers", KafkaBroker.bootstrapServers());
    try (var producer = new KafkaProducer<>(common, new StringSerializer(), serde.serializer())) {
      producer.send(new ProducerRecord<>(name, "key-" + topic.name(), (V) event));
      producer.flush();
    }
    Map<String, Object> consumerConfig = new java.util.HashMap<>(common);
    consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "roundtrip-" + UUID.randomUUID());
    consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (var consumer =
        new KafkaConsumer<>(consumerConfig, new StringDeserializer(), serde.deserializer())) {
      consumer.subscribe(List.of(name));
      List<V> received = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (received.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> received.add(r.value()));
      }
      assertThat(received).as(topic.name()).containsExactly((V) event);
    }
  }
}
