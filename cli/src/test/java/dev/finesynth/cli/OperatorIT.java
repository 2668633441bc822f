package dev.finesynth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.finesynth.client.FinesynthClient;
import dev.finesynth.client.RunStatus;
import dev.finesynth.contracts.topics.Topics;
import dev.finesynth.operator.Operator;
import dev.finesynth.operator.resource.CorpusSource;
import dev.finesynth.operator.resource.EvaluationSettings;
import dev.finesynth.operator.resource.FitSettings;
import dev.finesynth.operator.resource.InputSource;
import dev.finesynth.operator.resource.SynthesisRun;
import dev.finesynth.operator.resource.SynthesisRunSpec;
import dev.finesynth.operator.resource.SynthesisRunStatus;
import dev.finesynth.testing.KafkaBroker;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The operator on fabric8's mock API server (CRUD) with the real broker and services: a
 * SynthesisRun on (a third of) the bundled sample runs to FINISHED with its metrics in the status,
 * the run is the one a CLI user sees, and deleting a resource cancels its running run.
 */
@EnableKubernetesMockClient(crud = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorIT {
  static KubernetesMockServer server;
  static KubernetesClient kubernetes;

  private static final String NS = "finesynth";
  private static final int TRAIN_QUERIES = 30;
  private static StackFixture stack;
  private static SampleRuns samples;
  private static Operator operator;

  @BeforeAll
  static void start() throws Exception {
    stack = StackFixture.start();
    // the shared volume: a folder holding a third of the electronics sample
    Path shared = Files.createTempDirectory("finesynth-operator-");
    Path sample = SampleRuns.subset(shared.resolve("electronics"), TRAIN_QUERIES, 30);
    samples = new SampleRuns(stack, shared, sample, TRAIN_QUERIES);
    server.expectCustomResource(SynthesisRun.definitionContext());
    FinesynthClient client =
        FinesynthClient.connect(KafkaBroker.bootstrapServers(), stack.prefix());
    operator = new Operator(kubernetes, client, NS, shared).start();
  }

  @AfterAll
  static void stop() throws Exception {
    operator.close();
    stack.close();
  }

  @Test
  @Order(1)
  void aSynthesisRunOnTheSampleFinishesWithItsMetricsInTheStatus() throws Exception {
    SynthesisRun run = create("electronics", sample(1));
    String runName = awaitStatus("electronics", s -> s.runName != null).runName;

    // the checks every sample run passes: rows, checksum on the event and in the pulled dataset,
    // each epoch's metrics once
    String checksum = samples.finishedRun(runName, null, null);

    SynthesisRunStatus status =
        awaitStatus("electronics", s -> RunStatus.FINISHED.name().equals(s.phase));
    System.out.printf(
        Locale.ROOT,
        "[operator] NAME %s PHASE %s PROGRESS %s NDCG@10 base %.4f tuned %.4f%n",
        run.getMetadata().getName(),
        status.phase,
        status.progress,
        status.metrics.baseNdcgAt10,
        status.metrics.ndcgAt10);
    assertThat(status.runId).isEqualTo(run.getMetadata().getUid());
    assertThat(status.metrics.baseNdcgAt10).isBetween(0.0, 1.0);
    assertThat(status.metrics.ndcgAt10).isBetween(0.0, 1.0);
    assertThat(status.metrics.epoch).isEqualTo(1);
    assertThat(status.dataset.rows).isEqualTo(samples.expectedRows());
    assertThat(status.dataset.checksum).isEqualTo(checksum);
    assertThat(status.model.finalModel).isTrue();
    assertThat(Path.of(status.model.location)).isDirectory();
    assertThat(status.stages).containsKeys("miner", "scorer", "dataset", "trainer", "evaluator");
    assertThat(status.conditions)
        .anyMatch(c -> c.getType().equals("Completed") && c.getStatus().equals("True"));

    var cli = samples.cli().run("status", runName);
    assertThat(cli.out()).contains("FINISHED");
    // however often it was reconciled, the resource started one run
    FinesynthClient client =
        FinesynthClient.connect(KafkaBroker.bootstrapServers(), stack.prefix());
    assertThat(
            client.cluster().readAll(Topics.RUNS).stream()
                .filter(s -> s.runId().equals(status.runId)))
        .hasSize(1);
  }

  @Test
  @Order(2)
  void deletingTheResourceCancelsItsRunningRun() {
    create("cancelled", sample(3));
    String runName =
        awaitStatus("cancelled", s -> RunStatus.STARTED.name().equals(s.phase)).runName;

    kubernetes.resource(get("cancelled")).delete();

    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                kubernetes.resources(SynthesisRun.class).inNamespace(NS).withName("cancelled").get()
                    == null);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> samples.run(runName).status() == RunStatus.CANCELLED);
  }

  private static SynthesisRunSpec sample(int epochs) {
    SynthesisRunSpec spec = new SynthesisRunSpec();
    spec.queries = InputSource.path("electronics");
    spec.corpus = new CorpusSource();
    spec.corpus.path = "electronics";
    spec.preset = "offline-fast";
    spec.numRelations = SampleRuns.NUM_RELATIONS;
    spec.fit = new FitSettings();
    spec.fit.epochs = epochs;
    spec.evaluation = new EvaluationSettings();
    spec.evaluation.path = "electronics";
    return spec;
  }

  private static SynthesisRun create(String name, SynthesisRunSpec spec) {
    return kubernetes.resource(SynthesisRun.of(NS, name, spec)).create();
  }

  private static SynthesisRun get(String name) {
    return kubernetes.resources(SynthesisRun.class).inNamespace(NS).withName(name).get();
  }

  private static SynthesisRunStatus awaitStatus(String name, Predicate<SynthesisRunStatus> until) {
    return await()
        .atMost(Duration.ofMinutes(15))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> get(name).getStatus(), s -> s != null && until.test(s));
  }
}
