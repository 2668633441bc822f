package dev.finesynth.cli.bench;

import dev.finesynth.cli.FinesynthHome;
import dev.finesynth.cli.stack.LocalStack;
import dev.finesynth.cli.stack.ReplicaOptions;
import dev.finesynth.cli.stack.StackSession;
import dev.finesynth.client.FinesynthClient;
import dev.finesynth.client.RunRequest;
import dev.finesynth.client.RunStatus;
import dev.finesynth.client.TextFiles;
import dev.finesynth.client.TextRecord;
import dev.finesynth.contracts.events.Presets;
import dev.finesynth.contracts.events.RunEventType;
import dev.finesynth.contracts.topics.Topics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.GroupState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Scorer throughput against its instance count. For each count that many scorers start, instance
 * {@code i} pinned to core {@code i} (taskset), and once their group is stable one run is timed
 * from its start to its dataset's COMPLETED event (the scorers' model loading included; mining the
 * queries takes a second of it).
 */
@Command(
    name = "scale",
    mixinStandardHelpOptions = true,
    description =
        "Pairs/s scored with 1, 2, ... scorer instances, each on its own core; prints"
            + " scorer_speedup (the last count against the first) last.")
public class BenchScaleCommand implements Callable<Integer> {
  @Option(
      names = "--beir",
      required = true,
      description = "BEIR folder: its corpus and train queries are used.")
  Path beir;

  @Option(names = "--queries", defaultValue = "60", description = "Default ${DEFAULT-VALUE}.")
  int queryCount;

  @Option(names = "--num-relations", defaultValue = "5", description = "Default ${DEFAULT-VALUE}.")
  int numRelations;

  @Option(
      names = "--models",
      defaultValue = "offline-fast",
      description = "Preset (default ${DEFAULT-VALUE}).")
  String preset;

  @Option(
      names = "--scorers",
      defaultValue = "1,2",
      split = ",",
      description = "Scorer instance counts to time (default ${DEFAULT-VALUE}).")
  List<Integer> counts;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    int most = counts.stream().mapToInt(Integer::intValue).max().orElseThrow();
    int cores = Runtime.getRuntime().availableProcessors();
    if (most > cores) {
      throw new IllegalArgumentException(
          most + " scorers cannot each have a core of their own: this machine has " + cores);
    }
    Map<String, String> pins = new LinkedHashMap<>();
    for (int i = 0; i < most; i++) {
      pins.put("scorer-" + i, Integer.toString(i));
    }
    List<TextRecord> documents = TextFiles.documents(beir);
    List<TextRecord> queries = TextFiles.queries(beir);
    List<TextRecord> timed = queries.subList(0, Math.min(queryCount, queries.size()));
    ReplicaOptions replicas = ReplicaOptions.of(Map.of("scorer", most), pins);
    try (StackSession session = StackSession.open(FinesynthHome.root(), replicas, false, out)) {
      FinesynthClient client = FinesynthClient.connect(session.connection(), Topics.DEFAULT_PREFIX);
      out.println("[bench] warm-up run: the miner indexes the corpus");
      out.flush();
      String warmup = client.startRun(request(queries.subList(0, 1), documents));
      if (client.follow(warmup, e -> {}) != RunStatus.FINISHED) {
        throw new IllegalStateException(
            "the warm-up run did not finish: " + client.run(warmup).failureReason());
      }
      List<Double> rates = new ArrayList<>();
      for (int n : counts) {
        double rate = timeScorers(session, client, n, timed, documents, out);
        rates.add(rate);
      }
      out.printf(Locale.ROOT, "scorer_speedup=%.2f%n", rates.get(rates.size() - 1) / rates.get(0));
      out.flush();
      return 0;
    }
  }

  private double timeScorers(
      StackSession session,
      FinesynthClient client,
      int scorers,
      List<TextRecord> timed,
      List<TextRecord> documents,
      PrintWriter out)
      throws Exception {
    LocalStack stack = session.stack();
    List<String> ids = stack.instances("scorer").stream().map(s -> s.id()).toList();
    for (String id : ids) {
      stack.stop(id);
    }
    stack.start(ids.subList(0, scorers), session.bootstrapServers(), Duration.ofMinutes(2));
    awaitGroup(session.bootstrapServers(), Topics.DEFAULT_PREFIX + "scorer-relations", scorers);
    // a few queries on every partition load the teacher in each instance before the clock starts
    List<TextRecord> warmup = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      warmup.add(new TextRecord("warm-up-" + i, "", "warm up query number " + i));
    }
    String warm = client.startRun(request(warmup, documents));
    if (client.follow(warm, e -> {}) != RunStatus.FINISHED) {
      throw new IllegalStateException("the warm-up run did not finish");
    }
    Instant start = Instant.now();
    String name = client.startRun(request(timed, documents));
    AtomicReference<Instant> completed = new AtomicReference<>();
    RunStatus end =
        client.follow(
            name,
            e -> {
              if (e.type() == RunEventType.COMPLETED && e.stage().equals("dataset")) {
                completed.set(e.timestamp());
              }
            });
    if (end != RunStatus.FINISHED || completed.get() == null) {
      throw new IllegalStateException(
          name + " ended " + end + ": " + client.run(name).failureReason());
    }
    double seconds = Duration.between(start, completed.get()).toMillis() / 1000.0;
    double pairs = timed.size() * numRelations;
    double rate = pairs / seconds;
    out.printf(
        Locale.ROOT,
        "scorers=%d pairs=%.0f seconds=%.1f pairs_per_s=%.2f%n",
        scorers,
        pairs,
        seconds,
        rate);
    out.flush();
    return rate;
  }

  /**
   * Waits until the group has this many members and is stable: a scorer that joins while the others
   * work makes them give up batches they hold, which is a scale-up's cost, not throughput.
   */
  private static void awaitGroup(String bootstrapServers, String group, int members)
      throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (System.nanoTime() < deadline) {
        var description =
            admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get();
        if (description.members().size() == members
            && description.groupState() == GroupState.STABLE) {
          return;
        }
        Thread.sleep(500);
      }
      throw new IllegalStateException(group + " did not reach " + members + " members in time");
    }
  }

  private RunRequest request(List<TextRecord> queries, List<TextRecord> documents) {
    return RunRequest.builder()
        .setQueries(queries)
        .setDocuments(documents)
        .optModels(Presets.models(preset))
        .optNumRelations(numRelations)
        .build();
  }
}
