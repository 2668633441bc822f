package dev.finesynth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.finesynth.client.Cluster;
import dev.finesynth.client.RunDirectory;
import dev.finesynth.client.RunStatus;
import dev.finesynth.client.RunView;
import dev.finesynth.client.TextFiles;
import dev.finesynth.contracts.events.DatasetSummary;
import dev.finesynth.contracts.events.MetricEvent;
import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.RunEventType;
import dev.finesynth.testing.KafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The bundled electronics sample synthesized, fitted for one epoch and evaluated on a test stack,
 * and the checks that tell a run came out whole: FINISHED, queries x (relations - 1) rows, the same
 * checksum on the event, on REST and in {@code dataset --out}, each epoch's metrics once.
 */
final class SampleRuns {
  static final int NUM_RELATIONS = 5;
  static final int TRAIN_QUERIES = 80;
  static final Path SAMPLE = KafkaBroker.projectRoot().resolve("samples/electronics");

  private final StackFixture stack;
  private final CliRunner cli;
  private final Path work;
  private final Path sample;
  private final int trainQueries;

  SampleRuns(StackFixture stack, Path work) {
    this(stack, work, SAMPLE, TRAIN_QUERIES);
  }

  /** Runs of another BEIR folder (a {@link #subset}) with {@code trainQueries} unjudged queries. */
  SampleRuns(StackFixture stack, Path work, Path sample, int trainQueries) {
    this.sample = sample;
    this.trainQueries = trainQueries;
    this.stack = stack;
    this.cli = new CliRunner(KafkaBroker.bootstrapServers(), stack.prefix());
    this.work = work;
  }

  CliRunner cli() {
    return cli;
  }

  /** Starts synthesis, one epoch of fitting and the evaluation; returns the run's name. */
  String start(String label) throws Exception {
    String name = label + "-" + UUID.randomUUID().toString().substring(0, 6);
    var result = synthesize(name, "--fit", "--epochs", "1", "--eval", sample.toString());
    assertThat(result.exitCode()).as(result.err()).isZero();
    return name;
  }

  /** Synthesizes from the sample with the offline-fast preset, plus {@code extra} options. */
  CliRunner.Result synthesize(String name, String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "synthesize",
                "--queries",
                sample.toString(),
                "--corpus",
                sample.toString(),
                "--models",
                "offline-fast",
                "--num-relations",
                Integer.toString(NUM_RELATIONS),
                "--name",
                name));
    args.addAll(List.of(extra));
    return cli.run(args.toArray(String[]::new));
  }

  /** A fault to inject once its moment comes. */
  interface Fault {
    void inject() throws Exception;
  }

  /**
   * Waits for the run to end, injecting {@code fault} once {@code when} holds (none when null);
   * checks the run came out whole and returns its dataset's checksum.
   */
  String finishedRun(String name, Predicate<RunView> when, Fault fault) throws Exception {
    boolean[] injected = {when == null};
    await()
        .atMost(Duration.ofMinutes(20))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              RunView view = run(name);
              if (!injected[0] && when.test(view)) {
                injected[0] = true;
                fault.inject();
              }
              return view.status().terminal();
            });
    assertThat(injected[0]).as("the fault's moment came").isTrue();
    RunView view = run(name);
    assertThat(view.status())
        .as(String.valueOf(view.failureReason()))
        .isEqualTo(RunStatus.FINISHED);
    long expectedRows = expectedRows();
    RunEvent complete =
        view.log().stream()
            .filter(e -> e.type() == RunEventType.COMPLETED && e.stage().equals("dataset"))
            .findFirst()
            .orElseThrow();
    assertThat(complete.message()).contains(expectedRows + " triplets");
    String checksum = DatasetSummary.parse(complete.message()).orElseThrow().checksum();

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

  /** Rows of a whole dataset: a triplet per negative of each train query. */
  long expectedRows() {
    return (long) trainQueries * (NUM_RELATIONS - 1);
  }

  /**
   * The sample cut down to the first {@code train} queries of its train qrels and the first {@code
   * test} of its test qrels, with the whole corpus: a BEIR folder for tests that need a run to end
   * whole, not its figures.
   */
  static Path subset(Path folder, int train, int test) throws IOException {
    Set<String> kept = new HashSet<>();
    Files.createDirectories(folder.resolve("qrels"));
    Map<String, Integer> sizes = Map.of("train", train, "test", test);
    for (var split : sizes.entrySet()) {
      Path qrels = SAMPLE.resolve("qrels/" + split.getKey() + ".tsv");
      List<String> ids = TextFiles.judgedQueries(qrels).subList(0, split.getValue());
      kept.addAll(ids);
      List<String> lines = Files.readAllLines(qrels);
      List<String> rows = new ArrayList<>(List.of(lines.get(0)));
      lines.stream().skip(1).filter(l -> ids.contains(l.split("\t")[0])).forEach(rows::add);
      Files.write(folder.resolve("qrels/" + split.getKey() + ".tsv"), rows);
    }
    List<String> queries =
        Files.readAllLines(SAMPLE.resolve("queries.jsonl")).stream()
            .filter(l -> kept.contains(l.replaceAll(".*\"_id\": *\"([^\"]+)\".*", "$1")))
            .toList();
    Files.write(folder.resolve("queries.jsonl"), queries);
    Files.copy(SAMPLE.resolve("corpus.jsonl"), folder.resolve("corpus.jsonl"));
    return folder;
  }

  RunView run(String name) {
    return RunDirectory.load(Cluster.connect(KafkaBroker.bootstrapServers(), stack.prefix()))
        .find(name);
  }
}
