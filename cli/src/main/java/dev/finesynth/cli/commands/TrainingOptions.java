package dev.finesynth.cli.commands;

import dev.finesynth.contracts.events.TrainingSpec;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** MarginMSE fine-tuning settings; what is not given keeps {@link TrainingSpec#defaults()}. */
public class TrainingOptions {
  @Option(
      names = "--base-model",
      description = "Model to fine-tune (default: the run's miner model).")
  String baseModel;

  @Option(
      names = "--epochs",
      defaultValue = "3",
      description = "Epochs (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--learning-rate",
      defaultValue = "1e-5",
      description = "Learning rate (default ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(
      names = "--batch-size",
      defaultValue = "32",
      description = "Triplets per step (default ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--triplets-per-query",
      description =
          "Keep up to N triplets of one query together in a batch, encoding its query and positive"
              + " once; 0 (default): all of them, the batch size rounded to whole queries.")
  Integer tripletsPerQuery;

  @Option(
      names = "--optimizer",
      defaultValue = "AdamW",
      description = "Adam or AdamW (default ${DEFAULT-VALUE}).")
  String optimizer;

  @Option(
      names = "--warmup-steps",
      defaultValue = "-1",
      description = "Linear warmup steps; -1 (default) for the first 10%% of all steps.")
  int warmupSteps;

  @Option(
      names = "--similarity",
      defaultValue = "cosine",
      description = "Student similarity in the loss: cosine or dot (default ${DEFAULT-VALUE}).")
  String similarity;

  @Option(
      names = "--scale",
      defaultValue = "1.0",
      description = "Multiplies the student similarity (default ${DEFAULT-VALUE}).")
  double scale;

  @Option(
      names = "--checkpoint-every",
      defaultValue = "100",
      description = "Save a resumable checkpoint every N steps (default ${DEFAULT-VALUE}).")
  int checkpointEvery;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of the shuffling order (default ${DEFAULT-VALUE}).")
  long seed;

  @ArgGroup(exclusive = false)
  ListwiseOption listwise = new ListwiseOption();

  TrainingSpec spec() {
    if (!optimizer.equalsIgnoreCase("adam") && !optimizer.equalsIgnoreCase("adamw")) {
      throw new IllegalArgumentException(
          "unknown optimizer '" + optimizer + "'; valid: Adam, AdamW");
    }
    if (!similarity.equals("cosine") && !similarity.equals("dot")) {
      throw new IllegalArgumentException(
          "unknown similarity '" + similarity + "'; valid: cosine, dot");
    }
    if (tripletsPerQuery != null && tripletsPerQuery < 0) {
      throw new IllegalArgumentException(
          "--triplets-per-query must be at least 0 (0: whole queries): " + tripletsPerQuery);
    }
    TrainingSpec spec =
        TrainingSpec.defaults()
            .withBaseModel(baseModel)
            .withSchedule(optimizer, learningRate, epochs, batchSize, warmupSteps)
            .withSimilarity(similarity, scale)
            .withCheckpointEverySteps(checkpointEvery)
            .withSeed(seed);
    if (tripletsPerQuery != null) {
      spec = spec.withTripletsPerQuery(tripletsPerQuery);
    }
    return listwise.applyTo(spec);
  }
}
