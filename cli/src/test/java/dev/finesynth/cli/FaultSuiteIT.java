package dev.finesynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finesynth.client.Cluster;
import dev.finesynth.client.RunView;
import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.RunEventType;
import dev.finesynth.contracts.events.Triplet;
import dev.finesynth.contracts.topics.Topics;
import dev.finesynth.testing.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each service killed with SIGKILL at a seeded random point of a run (synthesis, one epoch of
 * fitting, evaluation on the electronics sample), then started again: the run finishes with the
 * undisturbed run's rows and canonical checksum and each epoch's metrics once. Prints {@code
 * faults=N finished=N lost=0 duplicated=D checksum_equal=true}: D counts the records a plain
 * consumer of {@code triplets} sees twice (the stages are at least once; see the README).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {
  private static final long SEED = Long.getLong("finesynth.fault-seed", 20261203L);
  private static final Random RANDOM = new Random(SEED);

  private static StackFixture stack;
  private static SampleRuns runs;
  private static String reference;
  private static final List<String> outcomes = new ArrayList<>();
  private static int duplicated;

  @TempDir static Path work;

  @BeforeAll
  static void startStack() throws Exception {
    stack = StackFixture.start();
    runs = new SampleRuns(stack, work);
    reference = runs.finishedRun(runs.start("undisturbed"), null, null);
    System.out.println("[faults] seed " + SEED + ", undisturbed checksum " + reference);
  }

  @AfterAll
  static void report() throws Exception {
    System.out.printf(
        "faults=%d finished=%d lost=0 duplicated=%d checksum_equal=true%n",
        outcomes.size(), outcomes.size(), duplicated);
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void theMinerKilledWhileItIndexesOrMines() throws Exception {
    survives("miner", view -> true, 4000);
  }

  @Test
  @Order(2)
  void theScorerKilledMidScoring() throws Exception {
    survives("scorer", view -> counted(view, "scorer", "queries") > 0, 3000);
  }

  @Test
  @Order(3)
  void theTrainerKilledWhileItStoresTheDataset() throws Exception {
    double share = 0.1 + 0.6 * RANDOM.nextDouble();
    double rows = SampleRuns.TRAIN_QUERIES * (SampleRuns.NUM_RELATIONS - 1) * share;
    survives("trainer", view -> counted(view, "dataset", "triplets") >= rows, 0);
  }

  @Test
  @Order(4)
  void theTrainerKilledMidTraining() throws Exception {
    survives("trainer", view -> started(view, "trainer"), 6000);
  }

  @Test
  @Order(5)
  void theEvaluatorKilledMidEvaluation() throws Exception {
    survives(
        "evaluator",
        view -> view.log().stream().anyMatch(e -> e.stage().equals("evaluator")),
        3000);
  }

  /** One run, {@code service} killed once {@code when} holds and up to {@code delayMs} more. */
  private static void survives(String service, Predicate<RunView> when, int delayMs)
      throws Exception {
    long delay = delayMs == 0 ? 0 : RANDOM.nextInt(delayMs);
    String name = runs.start("fault-" + service);
    String checksum =
        runs.finishedRun(
            name,
            when,
            () -> {
              Thread.sleep(delay);
              stack.stack.kill(service);
              stack.stack.restart(service, Duration.ofMinutes(3));
            });
    assertThat(checksum).as(service + " killed").isEqualTo(reference);
    int twice = duplicates(runs.run(name));
    duplicated += twice;
    outcomes.add(service);
    System.out.printf(
        "[faults] %s killed %d ms after its moment: finished, checksum equal, %d triplets on the"
            + " topic twice%n",
        service, delay, twice);
  }

  /** Records of the run on {@code triplets} beyond one per key. */
  private static int duplicates(RunView view) {
    List<Triplet> all = new ArrayList<>();
    Cluster.connect(KafkaBroker.bootstrapServers(), stack.prefix())
        .read(
            Topics.TRIPLETS,
            t -> {
              if (t.runId().equals(view.spec().runId())) {
                all.add(t);
              }
            },
            () -> false);
    Set<String> keys = new HashSet<>();
    all.forEach(t -> keys.add(t.key()));
    assertThat(keys)
        .as("no triplet lost")
        .hasSize(SampleRuns.TRAIN_QUERIES * (SampleRuns.NUM_RELATIONS - 1));
    return all.size() - keys.size();
  }

  private static double counted(RunView view, String stage, String count) {
    RunEvent progress = view.progress().get(stage);
    return progress == null ? 0 : progress.counts().getOrDefault(count, 0.0);
  }

  private static boolean started(RunView view, String stage) {
    return view.log().stream()
        .anyMatch(e -> e.stage().equals(stage) && e.type() == RunEventType.STARTED);
  }
}
