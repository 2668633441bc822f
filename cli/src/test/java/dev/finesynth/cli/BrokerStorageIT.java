package dev.finesynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finesynth.testing.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack's broker keeps its storage across {@code stop} and {@code start}, so runs survive
 * {@code ./finesynth down} and {@code up}; {@code stop --purge} deletes it.
 */
class BrokerStorageIT {
  @TempDir Path dir;

  @Test
  void recordsSurviveARestartAndPurgeDeletesThem() throws Exception {
    Path storage = dir.resolve("broker");
    String first = KafkaBroker.script("start", "--dir", storage.toString(), "--port", "0");
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", first));
        KafkaProducer<String, String> producer =
            new KafkaProducer<>(
                Map.of("bootstrap.servers", first),
                new StringSerializer(),
                new StringSerializer())) {
      admin.createTopics(List.of(new NewTopic("runs", 1, (short) 1))).all().get();
      producer.send(new ProducerRecord<>("runs", "run-1", "{\"name\":\"kept\"}")).get();
    } finally {
      KafkaBroker.script("stop", "--dir", storage.toString());
    }
    assertThat(storage.resolve("data/meta.properties")).exists();

    String second = KafkaBroker.script("start", "--dir", storage.toString(), "--port", "0");
    try {
      assertThat(readAll(second, "runs")).containsExactly("run-1={\"name\":\"kept\"}");
    } finally {
      KafkaBroker.script("stop", "--dir", storage.toString(), "--purge");
    }
    assertThat(Files.exists(storage)).isFalse();
  }

  private static List<String> readAll(String bootstrap, String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "storage-it");
    List<String> out = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (out.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(r -> out.add(r.key() + "=" + r.value()));
      }
    }
    return out;
  }
}
