package dev.finesynth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.finesynth.client.Cluster;
import dev.finesynth.client.RunPublisher;
import dev.finesynth.client.RunStatus;
import dev.finesynth.client.RunView;
import dev.finesynth.contracts.events.CorpusDocument;
import dev.finesynth.contracts.events.Event;
import dev.finesynth.contracts.events.Presets;
import dev.finesynth.contracts.events.QueryEvent;
import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.testing.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
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
  private static final Map<String, Integer> SCALED =
      Map.of("miner", 2, "scorer", 3, "trainer", 2, "evaluator", 2);

  private static StackFixture stack;
  private static SampleRuns runs;
  private static CliRunner cli;
  private static String referenceChecksum;

  @TempDir static Path work;

  @BeforeAll
  static void startOneOfEach() throws Exception {
    stack = StackFixture.start(Map.of(), SCALED, false);
    runs = new SampleRuns(stack, work);
    cli = runs.cli();
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
    referenceChecksum = runs.finishedRun(start("one"), null, null);
  }

  @Test
  @Order(2)
  void twoOfEachAndThreeScorersGiveTheSameRun() throws Exception {
    for (var instance : stack.stack.services()) {
      stack.stack.start(instance.id(), KafkaBroker.bootstrapServers(), Duration.ofMinutes(3));
    }
    String name = start("scaled");
    assertThat(runs.finishedRun(name, null, null)).isEqualTo(referenceChecksum);
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
    return runs.start(label);
  }

  private static CliRunner.Result synthesize(String name, String... extra) throws Exception {
    return runs.synthesize(name, extra);
  }

  /** Waits for the run, killing the second instance of each service once {@code killWhen} holds. */
  private static String finishedRun(String name, Predicate<RunView> killWhen) throws Exception {
    return runs.finishedRun(
        name,
        killWhen,
        () -> {
          for (String id : List.of("miner-1", "scorer-1", "trainer-1", "evaluator-1")) {
            stack.stack.kill(id);
          }
          for (String id : List.of("miner-1", "scorer-1", "trainer-1", "evaluator-1")) {
            stack.stack.restart(id, Duration.ofMinutes(3));
          }
        });
  }

  private static List<String> instancesOf(RunView view, String stage) {
    return view.log().stream()
        .filter(e -> e.stage().equals(stage) && e.instance() != null)
        .map(RunEvent::instance)
        .distinct()
        .toList();
  }

  private static RunView run(String name) {
    return runs.run(name);
  }
}
