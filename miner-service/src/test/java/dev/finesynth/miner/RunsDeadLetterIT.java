package dev.finesynth.miner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.events.Event;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.contracts.events.ScorerSpec;
import dev.finesynth.contracts.events.SynthesisModels;
import dev.finesynth.servicekit.RunCatalog;
import dev.finesynth.testing.KafkaBroker;
import dev.finesynth.testing.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A malformed run spec lands in the dead-letter topic with its reason; the next one is processed.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class RunsDeadLetterIT {
  @Inject RunCatalog catalog;
  @Inject EventCodec codec;

  @Test
  void malformedRecordsGoToTheDeadLetterTopicAndTheNextGoodOneIsProcessed() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String badJsonKey = "bad-json-" + suffix;
    String badFieldKey = "bad-field-" + suffix;
    RunSpec good = spec("run-" + suffix);
    String missingName =
        codec
            .encode(spec("run-bad-" + suffix))
            .replace("\"name\":\"name-run-bad-" + suffix + "\",", "");

    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of("bootstrap.servers", KafkaBroker.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      producer.send(new ProducerRecord<>("finesynth.runs", badJsonKey, "{not json"));
      producer.send(new ProducerRecord<>("finesynth.runs", badFieldKey, missingName));
      producer.send(new ProducerRecord<>("finesynth.runs", good.runId(), codec.encode(good)));
    }

    await().atMost(Duration.ofSeconds(60)).until(() -> catalog.find(good.runId()).isPresent());
    assertThat(catalog.find(good.runId())).contains(good);
    assertThat(catalog.find("run-bad-" + suffix)).isEmpty();

    Map<String, String> reasons = deadLetterReasons(List.of(badJsonKey, badFieldKey));
    assertThat(reasons.get(badJsonKey)).startsWith("$: is not valid JSON");
    assertThat(reasons.get(badFieldKey)).isEqualTo("name: is missing");
  }

  private static Map<String, String> deadLetterReasons(List<String> keys) {
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", KafkaBroker.bootstrapServers());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-check-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    Map<String, String> reasons = new HashMap<>();
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of("finesynth.miner-runs-dead-letters"));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                  var header = r.headers().lastHeader("dead-letter-reason");
                  if (header != null && keys.contains(r.key())) {
                    reasons.put(r.key(), new String(header.value(), StandardCharsets.UTF_8));
                  }
                }
                return reasons.keySet().containsAll(keys);
              });
    }
    return reasons;
  }

  private static RunSpec spec(String runId) {
    var models =
        new SynthesisModels(
            "offline", "all-minilm-l6-v2", List.of(ScorerSpec.biEncoder("e5-small-v2")), "mean");
    return new RunSpec(
        Event.SCHEMA_VERSION,
        runId,
        "name-" + runId,
        "corpus-a",
        models,
        10,
        64,
        256,
        32,
        10,
        5,
        null,
        null,
        Instant.parse("2026-11-26T10:00:00Z"));
  }
}
