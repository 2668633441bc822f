package dev.finesynth.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.finesynth.client.Cluster;
import dev.finesynth.client.FinesynthClient;
import dev.finesynth.contracts.events.DatasetSummary;
import dev.finesynth.contracts.events.Event;
import dev.finesynth.contracts.events.MetricEvent;
import dev.finesynth.contracts.events.ModelArtifact;
import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.RunEventType;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.contracts.topics.Topic;
import dev.finesynth.contracts.topics.TopicProvisioner;
import dev.finesynth.contracts.topics.Topics;
import dev.finesynth.operator.resource.CorpusSource;
import dev.finesynth.operator.resource.InputSource;
import dev.finesynth.operator.resource.SynthesisRun;
import dev.finesynth.operator.resource.SynthesisRunSpec;
import dev.finesynth.operator.resource.SynthesisRunStatus;
import dev.finesynth.testing.KafkaBroker;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator on fabric8's mock API server (CRUD) and the real broker, with no services: the
 * stages' events are written as the services write them, so each rule of the reconciler shows on
 * its own. (cli's OperatorIT runs the real services.)
 */
@EnableKubernetesMockClient(crud = true)
class SynthesisRunOperatorIT {
  static KubernetesMockServer server;
  static KubernetesClient kubernetes;

  private static final String NS = "test";
  private static final String PREFIX =
      "it-op-" + UUID.randomUUID().toString().substring(0, 8) + ".";
  private static Cluster cluster;
  private static Operator operator;
  @TempDir static Path shared;

  @BeforeAll
  static void start() throws Exception {
    server.expectCustomResource(SynthesisRun.definitionContext());
    String bootstrap = KafkaBroker.bootstrapServers();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      new TopicProvisioner(admin, PREFIX, (short) 1).createMissing(Topics.all());
    }
    FinesynthClient client = FinesynthClient.connect(bootstrap, PREFIX);
    cluster = client.cluster();
    kubernetes
        .configMaps()
        .inNamespace(NS)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("inputs")
                .endMetadata()
                .withData(
                    Map.of(
                        "queries.jsonl",
                        "{\"_id\":\"q1\",\"text\":\"usb charger\"}\n"
                            + "{\"_id\":\"q2\",\"text\":\"noise cancelling headphones\"}\n",
                        "corpus.jsonl",
                        "{\"_id\":\"d1\",\"text\":\"a fast usb-c charger\"}\n"
                            + "{\"_id\":\"d2\",\"text\":\"wireless headphones that cancel noise\"}\n"
                            + "{\"_id\":\"d3\",\"text\":\"a phone case\"}\n"))
                .build())
        .create();
    Files.createDirectories(shared.resolve("inputs"));
    operator = new Operator(kubernetes, client, NS, shared).start();
  }

  @AfterAll
  static void stop() throws Exception {
    operator.close();
  }

  @Test
  void aResourceStartsItsRunOnceEvenWhenItsStatusIsLost() {
    SynthesisRun run = create("once", spec(configMap("queries.jsonl"), corpusFromConfigMap()));
    SynthesisRunStatus status = awaitStatus("once", s -> s.runId != null);

    String uid = run.getMetadata().getUid();
    assertThat(status.runId).isEqualTo(uid);
    assertThat(status.runName).isEqualTo("once-" + uid.substring(0, 8));
    assertThat(condition(status, "Accepted").getStatus()).isEqualTo("True");
    assertThat(condition(status, "Accepted").getMessage()).contains("2 queries, 3 documents");
    assertThat(get("once").getMetadata().getFinalizers()).contains(SynthesisRun.FINALIZER);

    // the operator loses what it wrote (a restore, a hand edit): it looks again and starts nothing
    SynthesisRun current = get("once");
    current.setStatus(new SynthesisRunStatus());
    kubernetes.resource(current).updateStatus();
    awaitStatus("once", s -> s.runId != null);
    assertThat(specsOf(uid)).hasSize(1);
    assertThat(cluster.readAll(Topics.QUERIES).stream().filter(q -> q.runId().equals(uid)))
        .hasSize(2);
  }

  @Test
  void theStatusFollowsTheStagesEventsToFinishedWithMetrics() throws Exception {
    create("folded", spec(configMap("queries.jsonl"), corpusFromConfigMap()));
    String runId = awaitStatus("folded", s -> s.runId != null).runId;

    publish(Topics.RUN_EVENTS, runId, RunEvent.of(runId, "miner", RunEventType.STARTED, "mining"));
    publish(
        Topics.RUN_EVENTS,
        runId,
        RunEvent.progress(runId, "scorer", "scored 1/2 queries", Map.of("queries", 1.0)));
    awaitStatus("folded", s -> "STARTED".equals(s.phase) && s.progress.contains("1/2"));

    String checksum = "ab".repeat(32);
    publish(
        Topics.RUN_EVENTS,
        runId,
        RunEvent.of(
            runId,
            "dataset",
            RunEventType.COMPLETED,
            new DatasetSummary(4, 0, checksum).message()));
    publish(Topics.METRICS, runId, MetricEvent.of(runId, "evaluator", "base", 0, "ndcg", 10, 0.5));
    publish(
        Topics.METRICS,
        runId,
        MetricEvent.of(runId, "evaluator", "fine-tuned", 1, "ndcg", 10, 0.6));
    publish(
        Topics.MODELS,
        runId,
        ModelArtifact.of(runId, 1, true, "/var/lib/finesynth-shared/models/x/1", "m", checksum));
    publish(Topics.RUN_EVENTS, runId, RunEvent.of(runId, "run", RunEventType.FINISHED, "done"));

    SynthesisRunStatus status = awaitStatus("folded", s -> "FINISHED".equals(s.phase));
    assertThat(status.metrics.baseNdcgAt10).isEqualTo(0.5);
    assertThat(status.metrics.ndcgAt10).isEqualTo(0.6);
    assertThat(status.metrics.epoch).isEqualTo(1);
    assertThat(status.dataset.rows).isEqualTo(4);
    assertThat(status.dataset.checksum).isEqualTo(checksum);
    assertThat(status.model.location).endsWith("models/x/1");
    assertThat(status.model.finalModel).isTrue();
    assertThat(condition(status, "Completed").getStatus()).isEqualTo("True");
    assertThat(status.observedGeneration).isEqualTo(get("folded").getMetadata().getGeneration());
  }

  @Test
  void aSpecChangedAfterTheStartIsRefusedWithACondition() {
    create("changed", spec(configMap("queries.jsonl"), corpusFromConfigMap()));
    String runId = awaitStatus("changed", s -> s.runId != null).runId;

    SynthesisRun edited = get("changed");
    edited.getSpec().numRelations = 7;
    kubernetes.resource(edited).update();

    SynthesisRunStatus status =
        awaitStatus(
            "changed",
            s -> s.conditions.stream().anyMatch(c -> c.getReason().equals("ChangedAfterStart")));
    assertThat(condition(status, "SpecApplied").getMessage())
        .contains("changed after run " + status.runName + " started", "create a new one");
    assertThat(specsOf(runId)).hasSize(1);
    assertThat(specsOf(runId).get(0).numRelations()).isEqualTo(3);
  }

  @Test
  void deletingTheResourceCancelsItsRunningRun() {
    create("deleted", spec(configMap("queries.jsonl"), corpusFromConfigMap()));
    String runId = awaitStatus("deleted", s -> s.runId != null).runId;

    kubernetes.resource(get("deleted")).delete();

    await().atMost(Duration.ofSeconds(30)).until(() -> find("deleted") == null);
    assertThat(cluster.readAll(Topics.RUN_EVENTS))
        .anyMatch(e -> e.runId().equals(runId) && e.type() == RunEventType.CANCELLED);
  }

  @Test
  void aBadSpecFailsWithTheReasonAndAMissingInputWaitsForIt() {
    SynthesisRunSpec tooFew = spec(configMap("queries.jsonl"), corpusFromConfigMap());
    tooFew.numRelations = 1;
    create("too-few", tooFew);
    SynthesisRunStatus failed = awaitStatus("too-few", s -> "FAILED".equals(s.phase));
    assertThat(condition(failed, "Accepted").getReason()).isEqualTo("InvalidSpec");
    assertThat(failed.reason).contains("numRelations must be at least 2");
    assertThat(failed.runId).isNull();

    create("outside", spec(InputSource.path("../../etc/passwd"), corpusFromConfigMap()));
    assertThat(awaitStatus("outside", s -> "FAILED".equals(s.phase)).reason)
        .contains("outside", "shared volume");

    create("later", spec(configMap("later.tsv"), corpusFromConfigMap()));
    SynthesisRunStatus waiting =
        awaitStatus("later", s -> s.reason != null && s.reason.contains("no key 'later.tsv'"));
    assertThat(waiting.phase).isEqualTo("CREATED");
    assertThat(condition(waiting, "Accepted").getReason()).isEqualTo("InputNotFound");

    var inputs = kubernetes.configMaps().inNamespace(NS).withName("inputs").get();
    inputs.getData().put("later.tsv", "id\ttext\nq9\tcheap earbuds\n");
    kubernetes.resource(inputs).update();
    SynthesisRunStatus started =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> get("later").getStatus(), s -> s != null && s.runId != null);
    assertThat(condition(started, "Accepted").getMessage()).contains("1 queries");
  }

  private static SynthesisRunSpec spec(InputSource queries, CorpusSource corpus) {
    SynthesisRunSpec spec = new SynthesisRunSpec();
    spec.queries = queries;
    spec.corpus = corpus;
    spec.preset = "offline-fast";
    spec.numRelations = 3;
    return spec;
  }

  private static InputSource configMap(String key) {
    return InputSource.configMap("inputs", key);
  }

  private static CorpusSource corpusFromConfigMap() {
    CorpusSource corpus = new CorpusSource();
    corpus.configMap = InputSource.configMap("inputs", "corpus.jsonl").configMap;
    return corpus;
  }

  private static SynthesisRun create(String name, SynthesisRunSpec spec) {
    return kubernetes.resource(SynthesisRun.of(NS, name, spec)).create();
  }

  private static SynthesisRun find(String name) {
    return kubernetes.resources(SynthesisRun.class).inNamespace(NS).withName(name).get();
  }

  private static SynthesisRun get(String name) {
    SynthesisRun run = find(name);
    assertThat(run).as(name).isNotNull();
    return run;
  }

  private static SynthesisRunStatus awaitStatus(
      String name, java.util.function.Predicate<SynthesisRunStatus> until) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> get(name).getStatus(), s -> s != null && until.test(s));
  }

  private static Condition condition(SynthesisRunStatus status, String type) {
    return status.conditions.stream()
        .filter(c -> c.getType().equals(type))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no condition " + type + ": " + status.conditions));
  }

  private static List<RunSpec> specsOf(String runId) {
    return cluster.readAll(Topics.RUNS).stream().filter(s -> s.runId().equals(runId)).toList();
  }

  /** As a service does: the value as JSON, the run id as the key. */
  private static void publish(Topic<?> topic, String runId, Event event) throws Exception {
    Properties config = new Properties();
    config.put("bootstrap.servers", cluster.bootstrapServers());
    try (var producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  topic.qualifiedName(PREFIX), runId, cluster.codec().encode(event)))
          .get();
    }
  }
}
