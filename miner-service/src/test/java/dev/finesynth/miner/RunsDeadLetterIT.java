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
import java.util.function.Function;
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

    Map<String, String> reasons =
        byKey(
            "finesynth.miner-runs-dead-letters",
            List.of(badJsonKey, badFieldKey),
            r -> {
              var header = r.headers().lastHeader("dead-letter-reason");
              return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
            });
    assertThat(reasons.get(badJsonKey)).startsWith("$: is not valid JSON");
    assertThat(reasons.get(badFieldKey)).isEqualTo("name: is missing");
    // the run itself is failed once, by the trainers' RunRegistrar (PlainProducerIT)
  }

  /** The first value {@code read} gives for each of {@code keys} on {@code topic}. */
  private static Map<String, String> byKey(
      String topic, List<String> keys, Function<ConsumerRecord<String, String>, String> read) {
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", KafkaBroker.bootstrapServers());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-check-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    Map<String, String> found = new HashMap<>();
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                  String value = keys.contains(r.key()) ? read.apply(r) : null;
                  if (value != null) {
                    found.putIfAbsent(r.key(), value);
                  }
                }
                return found.keySet().containsAll(keys);
              });
    }
    return found;
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
        Instant.parse("2026-11-26T10:00:00Z"),
        null);
  }
}
