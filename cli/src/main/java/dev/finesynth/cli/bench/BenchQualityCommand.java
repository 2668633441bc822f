package dev.finesynth.cli.bench;

import dev.finesynth.cli.FinesynthHome;
import dev.finesynth.cli.commands.FeedbackOption;
import dev.finesynth.cli.commands.ListwiseOption;
import dev.finesynth.cli.commands.PseudoQueryOption;
import dev.finesynth.cli.stack.StackSession;
import dev.finesynth.client.FinesynthClient;
import dev.finesynth.client.RunStatus;
import dev.finesynth.contracts.events.Presets;
import dev.finesynth.contracts.events.TrainingSpec;
import dev.finesynth.contracts.topics.Topics;
import dev.finesynth.encoders.train.MarginMseTrainer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "quality",
    mixinStandardHelpOptions = true,
    description =
        "Run the whole recipe on a BEIR folder and print NDCG@10 and recall@10 before and after fine-tuning.")
public class BenchQualityCommand implements Callable<Integer> {
  @Option(
      names = "--beir",
      required = true,
      description = "BEIR folder with qrels/train.tsv and qrels/test.tsv.")
  Path beir;

  @Option(
      names = "--models",
      defaultValue = Presets.DEFAULT,
      description = "Preset (default ${DEFAULT-VALUE}).")
  String preset;

  @Option(names = "--num-relations", defaultValue = "20", description = "Default ${DEFAULT-VALUE}.")
  int numRelations;

  @Mixin FeedbackOption feedback = new FeedbackOption();

  @Mixin PseudoQueryOption pseudoQueries = new PseudoQueryOption();

  @Option(names = "--epochs", defaultValue = "3", description = "Default ${DEFAULT-VALUE}.")
  int epochs;

  @Option(
      names = "--learning-rate",
      defaultValue = "1e-5",
      description = "Default ${DEFAULT-VALUE}.")
  double learningRate;

  @Option(names = "--batch-size", defaultValue = "32", description = "Default ${DEFAULT-VALUE}.")
  int batchSize;

  @Option(
      names = "--triplets-per-query",
      description =
          "Triplets of one query kept together in a batch; 0 (default): all of them, the batch"
              + " size rounded to whole queries.")
  Integer tripletsPerQuery;

  @Mixin ListwiseOption listwise = new ListwiseOption();

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of the shuffling order (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--scale",
      defaultValue = "1.0",
      description = "Student similarity scale in MarginMSE (default ${DEFAULT-VALUE}).")
  double scale;

  @Option(names = "--keep", description = "Leave the local stack running.")
  boolean keep;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    TrainingSpec training =
        TrainingSpec.defaults()
            .withSchedule("AdamW", learningRate, epochs, batchSize, MarginMseTrainer.AUTO_WARMUP)
            .withSimilarity("cosine", scale)
            .withCheckpointEverySteps(100)
            .withSeed(seed);
    if (tripletsPerQuery != null) {
      training = training.withTripletsPerQuery(tripletsPerQuery);
    }
    training = listwise.applyTo(training);
    try (StackSession session = StackSession.open(FinesynthHome.root(), keep, out)) {
      FinesynthClient client = FinesynthClient.connect(session.connection(), Topics.DEFAULT_PREFIX);
      var outcome =
          RecipeRunner.run(
              client,
              beir,
              feedback.applyTo(Presets.models(preset)),
              numRelations,
              pseudoQueries,
              training,
              List.of(10),
              out);
      var table = outcome.metrics();
      int last = table.lastEpoch();
      out.printf(
          Locale.ROOT,
          "ndcg@10_before=%.4f ndcg@10_after=%.4f recall@10_before=%.4f recall@10_after=%.4f%n",
          value(table.value("ndcg@10", 0)),
          value(table.value("ndcg@10", last)),
          value(table.value("recall@10", 0)),
          value(table.value("recall@10", last)));
      out.flush();
      return outcome.status() == RunStatus.FINISHED ? 0 : 1;
    }
  }

  private static double value(Double v) {
    return v == null ? Double.NaN : v;
  }
}
