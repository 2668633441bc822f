package dev.finesynth.evaluator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.events.EvaluationSpec;
import dev.finesynth.contracts.events.Event;
import dev.finesynth.contracts.events.MetricEvent;
import dev.finesynth.contracts.events.ModelArtifact;
import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.RunEventType;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.contracts.events.ScorerSpec;
import dev.finesynth.contracts.events.SynthesisModels;
import dev.finesynth.contracts.events.TrainingSpec;
import dev.finesynth.contracts.topics.Topics;
import dev.finesynth.encoders.Backend;
import dev.finesynth.encoders.BiEncoder;
import dev.finesynth.encoders.EncoderOptions;
import dev.finesynth.encoders.Encoders;
import dev.finesynth.encoders.export.BiEncoderExporter;
import dev.finesynth.evaluation.metrics.Metric;
import dev.finesynth.servicekit.FinesynthConfig;
import dev.finesynth.testing.KafkaBroker;
import dev.finesynth.testing.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The evaluator on a real broker: a run spec with held-out data gets its base model measured, a
 * trained model gets measured against it, and the report is written and served.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(IsolatedTopics.class)
class EvaluatorIT {
  private static final String MODEL = "all-minilm-l6-v2";
  private static final List<Integer> KS = List.of(1, 5);
  private static final Duration PATIENCE = Duration.ofMinutes(4);

  @Inject EventCodec codec;
  @Inject FinesynthConfig config;

  @Test
  void measuresTheBaseModelThenTheTrainedOneAndServesTheReport() throws Exception {
    String runId = "eval-" + UUID.randomUUID().toString().substring(0, 8);
    Path beir = TinyBeir.write(Files.createTempDirectory("tiny-beir-"));
    try (var producer = producer();
        var metrics = new TopicRecords(topic(Topics.METRICS.name()));
        var runEvents = new TopicRecords(topic(Topics.RUN_EVENTS.name()))) {
      producer.send(record(Topics.RUNS.name(), runId, codec.encode(spec(runId, beir.toString()))));

      List<MetricEvent> base = awaitMetrics(metrics, runId, "base");
      assertThat(base).allSatisfy(m -> assertThat(m.epoch()).isZero());
      assertThat(base).allSatisfy(m -> assertThat(m.stage()).isEqualTo("evaluator"));
      for (int k : KS) {
        assertThat(base.stream().filter(m -> m.k() == k).map(MetricEvent::metric))
            .containsExactlyInAnyOrderElementsOf(
                Arrays.stream(Metric.values()).map(Metric::label).toList());
      }

      Path model = exportedBaseModel();
      producer.send(
          record(
              Topics.MODELS.name(),
              runId,
              codec.encode(ModelArtifact.of(runId, 1, true, model.toString(), MODEL, "sha256-x"))));

      // the same weights on another backend (PyTorch, not ONNX Runtime): the same rankings
      List<MetricEvent> tuned = awaitMetrics(metrics, runId, "fine-tuned");
      assertThat(tuned).allSatisfy(m -> assertThat(m.epoch()).isEqualTo(1));
      for (MetricEvent before : base) {
        MetricEvent after =
            tuned.stream()
                .filter(m -> m.metric().equals(before.metric()) && m.k() == before.k())
                .findFirst()
                .orElseThrow();
        assertThat(after.value())
            .as(before.metric() + "@" + before.k())
            .isCloseTo(before.value(), within(1e-9));
      }
      assertThat(value(base, "hit", 5)).isGreaterThan(0.5); // the model does find things

      await()
          .atMost(PATIENCE)
          .until(() -> types(runEvents, runId).contains(RunEventType.COMPLETED));
      assertThat(types(runEvents, runId))
          .contains(RunEventType.STARTED, RunEventType.PROGRESS)
          .doesNotContain(RunEventType.FAILED);
    }

    Path folder = Path.of(config.home(), "reports", runId);
    for (String file :
        List.of(
            "report.json", "report.md", "chart.svg", "checkpoint-0.json", "checkpoint-1.json")) {
      assertThat(folder.resolve(file)).isNotEmptyFile();
    }
    given()
        .get("/reports/{runId}", runId)
        .then()
        .statusCode(200)
        .contentType("application/json")
        .body("run", equalTo(runId))
        .body("checkpoints.name", equalTo(List.of("base", "epoch 1")));
    given()
        .get("/reports/{runId}/table", runId)
        .then()
        .statusCode(200)
        .body(containsString("ndcg@5"))
        .body(containsString("epoch 1"));
    given()
        .get("/reports/{runId}/chart", runId)
        .then()
        .statusCode(200)
        .contentType("image/svg+xml")
        .body(containsString("<svg"));
    given().get("/reports/{runId}", "no-such-run").then().statusCode(404);
    given().get("/reports/{runId}/chart", "no-such-run").then().statusCode(404);
    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("finesynth_evaluations_total{model=\"fine-tuned\""))
        .body(containsString("finesynth_evaluation_latency_seconds_count{model=\"base\""));
  }

  @Test
  void aModelAnnouncedBeforeItsRunSpecWaitsForItAndGetsItsBaseMeasuredFirst() throws Exception {
    String runId = "eval-early-" + UUID.randomUUID().toString().substring(0, 8);
    Path beir = TinyBeir.write(Files.createTempDirectory("tiny-beir-"));
    try (var producer = producer();
        var metrics = new TopicRecords(topic(Topics.METRICS.name()));
        var runEvents = new TopicRecords(topic(Topics.RUN_EVENTS.name()))) {
      producer.send(
          record(
              Topics.MODELS.name(),
              runId,
              codec.encode(
                  ModelArtifact.of(
                      runId, 1, true, exportedBaseModel().toString(), MODEL, "sha256-x"))));
      producer.flush();
      producer.send(record(Topics.RUNS.name(), runId, codec.encode(spec(runId, beir.toString()))));

      List<MetricEvent> tuned = awaitMetrics(metrics, runId, "fine-tuned");
      await()
          .atMost(PATIENCE)
          .until(() -> types(runEvents, runId).contains(RunEventType.COMPLETED));
      List<MetricEvent> base = metrics(metrics, runId, "base");
      assertThat(base).hasSize(KS.size() * Metric.values().length);
      Instant firstTuned = tuned.stream().map(MetricEvent::timestamp).min(Instant::compareTo).get();
      assertThat(base).allSatisfy(m -> assertThat(m.timestamp()).isBeforeOrEqualTo(firstTuned));
    }
  }

  @Test
  void missingDataFailsTheRunAndAnInvalidModelEventIsDeadLettered() {
    String runId = "eval-missing-" + UUID.randomUUID().toString().substring(0, 8);
    String badKey = "bad-" + runId;
    try (var producer = producer();
        var runEvents = new TopicRecords(topic(Topics.RUN_EVENTS.name()));
        var deadLetters = new TopicRecords(topic("evaluator-models-dead-letters"))) {
      producer.send(record(Topics.RUNS.name(), runId, codec.encode(spec(runId, "/no/such/dir"))));
      producer.send(record(Topics.MODELS.name(), badKey, "{not json"));

      await().atMost(PATIENCE).until(() -> types(runEvents, runId).contains(RunEventType.FAILED));
      RunEvent failed =
          events(runEvents, runId).stream()
              .filter(e -> e.type() == RunEventType.FAILED)
              .findFirst()
              .orElseThrow();
      assertThat(failed.stage()).isEqualTo("evaluator");
      assertThat(failed.message()).contains("evaluation data not found: /no/such/dir");

      await()
          .atMost(PATIENCE)
          .until(
              () ->
                  deadLetters.poll().stream()
                      .anyMatch(
                          r ->
                              badKey.equals(r.key())
                                  && TopicRecords.header(r, "dead-letter-reason")
                                      .startsWith("$: is not valid JSON")));
    }
  }

  private List<MetricEvent> awaitMetrics(TopicRecords metrics, String runId, String model) {
    int expected = KS.size() * Metric.values().length;
    await().atMost(PATIENCE).until(() -> metrics(metrics, runId, model).size() >= expected);
    List<MetricEvent> found = metrics(metrics, runId, model);
    assertThat(found).hasSize(expected);
    return found;
  }

  private List<MetricEvent> metrics(TopicRecords metrics, String runId, String model) {
    return metrics.values(runId).stream()
        .map(v -> codec.decode(Topics.METRICS, v))
        .filter(m -> m.model().equals(model))
        .toList();
  }

  private List<RunEvent> events(TopicRecords runEvents, String runId) {
    return runEvents.values(runId).stream().map(v -> codec.decode(Topics.RUN_EVENTS, v)).toList();
  }

  private List<RunEventType> types(TopicRecords runEvents, String runId) {
    return events(runEvents, runId).stream()
        .filter(e -> e.stage().equals("evaluator"))
        .map(RunEvent::type)
        .toList();
  }

  private static double value(List<MetricEvent> metrics, String metric, int k) {
    return metrics.stream()
        .filter(m -> m.metric().equals(metric) && m.k() == k)
        .findFirst()
        .orElseThrow()
        .value();
  }

  private static Path exported;

  /** What the trainer writes, here with the base weights: a sentence-transformers folder. */
  private static synchronized Path exportedBaseModel() throws Exception {
    if (exported == null) {
      Path folder = Files.createTempDirectory("model-").resolve("epoch-1");
      var options = EncoderOptions.builder().optBackend(Backend.PYTORCH).build();
      try (BiEncoder model = Encoders.fromEnvironment().biEncoder(MODEL, options)) {
        BiEncoderExporter.export(model, folder);
      }
      exported = folder;
    }
    return exported;
  }

  private String topic(String name) {
    return config.topicPrefix() + name;
  }

  private ProducerRecord<String, String> record(String topic, String key, String value) {
    return new ProducerRecord<>(topic(topic), key, value);
  }

  private static KafkaProducer<String, String> producer() {
    return new KafkaProducer<>(
        Map.<String, Object>of("bootstrap.servers", KafkaBroker.bootstrapServers()),
        new StringSerializer(),
        new StringSerializer());
  }

  private static RunSpec spec(String runId, String evaluationData) {
    var models =
        new SynthesisModels("offline", MODEL, List.of(ScorerSpec.biEncoder("e5-small-v2")), "mean");
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
        TrainingSpec.defaults().withSchedule("AdamW", 1e-5, 1, 32, 0),
        new EvaluationSpec("beir", evaluationData, "test", KS),
        Instant.parse("2026-11-26T10:00:00Z"),
        null);
  }
}
