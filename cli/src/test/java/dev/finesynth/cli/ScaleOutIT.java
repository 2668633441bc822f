package dev.finesynth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.finesynth.client.Cluster;
import dev.finesynth.client.RunDirectory;
import dev.finesynth.client.RunPublisher;
import dev.finesynth.client.RunStatus;
import dev.finesynth.client.RunView;
import dev.finesynth.contracts.events.CorpusDocument;
import dev.finesynth.contracts.events.Event;
import dev.finesynth.contracts.events.MetricEvent;
import dev.finesynth.contracts.events.Presets;
import dev.finesynth.contracts.events.QueryEvent;
import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.RunEventType;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.testing.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same synthesis, fit and evaluation of the bundled electronics sample with one instance of
 * each service, with two (three scorers), and with one of two instances of each service killed
 * (SIGKILL) mid-run: the same rows (queries x (relations - 1)), the same canonical checksum, each
 * epoch's metrics published once, and the run FINISHED. Also: a run that waits for a corpus that
 * never completes holds up no other run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {
  private static final int NUM_RELATIONS = 5;
  private static final int TRAIN_QUERIES = 80;
  private static final Map<String, Integer> SCALED =
      Map.of("miner", 2, "scorer", 3, "trainer", 2, "evaluator", 2);
  private static final Path SAMPLE = KafkaBroker.projectRoot().resolve("samples/electronics");

  private static StackFixture stack;
  private static CliRunner cli;
  private static String referenceChecksum;

  @TempDir static Path work;

  @BeforeAll
  static void startOneOfEach() throws Exception {
    stack = StackFixture.start(Map.of(), SCALED, false);
    cli = new CliRunner(KafkaBroker.bootstrapServers(), stack.prefix());
  }

  @AfterAll
  static void stopStack() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void oneInstanceOfEachServiceFinishesTheRun() throws Exception {
    referenceChecksum = finishedRun(start("one"), null);
  }

  @Test
  @Order(2)
  void twoOfEachAndThreeScorersGiveTheSameRun() throws Exception {
    for (var instance : stack.stack.services()) {
      stack.stack.start(instance.id(), KafkaBroker.bootstrapServers(), Duration.ofMinutes(3));
    }
    String name = start("scaled");
    assertThat(finishedRun(name, null)).isEqualTo(referenceChecksum);
    // the extra instances took a share of the work: their names are on the run's events
    assertThat(instancesOf(run(name), "scorer")).hasSizeGreaterThan(1);
    assertThat(instancesOf(run(name), "miner")).hasSizeGreaterThan(1);
  }

  @Test
  @Order(3)
  void killingOneOfTwoInstancesOfEachServiceMidRunLosesNothing() throws Exception {
    String name = start("killed");
    String checksum =
        finishedRun(
            name,
            view -> {
              // once mining is under way, kill the second instance of each service at once
              RunEvent miner = view.progress().get("miner");
              return miner != null && miner.counts().getOrDefault("queries", 0.0) > 0;
            });
    assertThat(checksum).isEqualTo(referenceChecksum);
  }

  @Test
  @Order(4)
  void aRunWaitingForACorpusThatNeverCompletesHoldsUpNoOther() throws Exception {
    // a plain producer's run whose corpus never completes: 3 documents of the 1,000 it expects
    String waitingId = "waiting-" + UUID.randomUUID().toString().substring(0, 6);
    String corpusId = "partial-" + waitingId;
    try (RunPublisher publisher =
        Cluster.connect(KafkaBroker.bootstrapServers(), stack.prefix()).publisher()) {
      publisher.corpus(
          List.of(
              CorpusDocument.of(corpusId, "d1", "charger", "usb c charger"),
              CorpusDocument.of(corpusId, "d2", "cable", "usb cable"),
              CorpusDocument.of(corpusId, "d3", "mouse", "wireless mouse")));
      publisher.run(
          new RunSpec(
              Event.SCHEMA_VERSION,
              waitingId,
              waitingId,
              corpusId,
              Presets.models("offline-fast"),
              2,
              64,
              256,
              32,
              1000,
              1,
              null,
              null,
              Instant.now(),
              null));
      publisher.queries(List.of(QueryEvent.of(waitingId, "q1", "usb charger")));
      publisher.flush();
    }
    String waiting = waitingId;
    String other = "other-" + UUID.randomUUID().toString().substring(0, 6);
    var next = synthesize(other);
    assertThat(next.exitCode()).as(next.err()).isZero();
    await()
        .atMost(Duration.ofMinutes(10))
        .pollInterval(Duration.ofSeconds(3))
        .until(() -> run(other).status() == RunStatus.FINISHED);
    assertThat(run(waiting).status()).isNotIn(RunStatus.FINISHED, RunStatus.FAILED);
    assertThat(run(waiting).log())
        .anySatisfy(e -> assertThat(e.message()).startsWith("mining waits for"));
    assertThat(cli.run("cancel", waiting).exitCode()).isZero();
  }

  private static String start(String label) throws Exception {
    String name = label + "-" + UUID.randomUUID().toString().substring(0, 6);
    var result = synthesize(name, "--fit", "--epochs", "1", "--eval", SAMPLE.toString());
    assertThat(result.exitCode()).as(result.err()).isZero();
    return name;
  }

  /** Synthesizes from the sample with the offline-fast preset, plus {@code extra} options. */
  private static CliRunner.Result synthesize(String name, String... extra) throws Exception {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "synthesize",
                "--queries",
                SAMPLE.toString(),
                "--corpus",
                SAMPLE.toString(),
                "--models",
                "offline-fast",
                "--num-relations",
                Integer.toString(NUM_RELATIONS),
                "--name",
                name));
    args.addAll(List.of(extra));
    return cli.run(args.toArray(String[]::new));
  }

  /**
   * Waits for the run to finish, killing the second instance of each service once {@code killWhen}
   * holds (and starting them again); returns the dataset's checksum after checking rows and
   * metrics.
   */
  private static String finishedRun(String name, Predicate<RunView> killWhen) throws Exception {
    boolean[] killed = {killWhen == null};
    await()
        .atMost(Duration.ofMinutes(20))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () -> {
              RunView view = run(name);
              if (!killed[0] && killWhen.test(view)) {
                killed[0] = true;
                for (String id : List.of("miner-1", "scorer-1", "trainer-1", "evaluator-1")) {
                  stack.stack.kill(id);
                }
                for (String id : List.of("miner-1", "scorer-1", "trainer-1", "evaluator-1")) {
                  stack.stack.restart(id, Duration.ofMinutes(3));
                }
              }
              return view.status().terminal();
            });
    RunView view = run(name);
    assertThat(view.status())
        .as(String.valueOf(view.failureReason()))
        .isEqualTo(RunStatus.FINISHED);
    long expectedRows = (long) TRAIN_QUERIES * (NUM_RELATIONS - 1);
    RunEvent complete =
        view.log().stream()
            .filter(e -> e.type() == RunEventType.COMPLETED && e.stage().equals("dataset"))
            .findFirst()
            .orElseThrow();
    assertThat(complete.message()).contains(expectedRows + " triplets");
    String checksum = complete.message().replaceAll(".*sha256 ", "").trim();

    Path out = work.resolve(name + ".jsonl");
    var pulled = cli.run("dataset", name, "--out", out.toString());
    assertThat(pulled.exitCode()).as(pulled.err()).isZero();
    assertThat(pulled.out()).contains("sha256 " + checksum);
    assertThat(Files.readAllLines(out)).hasSize((int) expectedRows);

    // each epoch's evaluator metrics exactly once: base (0) and the one trained epoch (1)
    Map<String, Long> published =
        view.metrics().stream()
            .filter(m -> m.stage().equals("evaluator"))
            .collect(
                Collectors.groupingBy(
                    m -> m.model() + "/" + m.epoch() + "/" + m.metric() + "@" + m.k(),
                    Collectors.counting()));
    assertThat(published).isNotEmpty();
    assertThat(published.values()).allMatch(count -> count == 1);
    assertThat(view.metrics().stream().map(MetricEvent::epoch).distinct()).contains(0, 1);
    return checksum;
  }

  private static List<String> instancesOf(RunView view, String stage) {
    return view.log().stream()
        .filter(e -> e.stage().equals(stage) && e.instance() != null)
        .map(RunEvent::instance)
        .distinct()
        .toList();
  }

  private static RunView run(String name) {
    return RunDirectory.load(Cluster.connect(KafkaBroker.bootstrapServers(), stack.prefix()))
        .find(name);
  }
}
