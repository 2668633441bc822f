package dev.finesynth.cli.commands;

import dev.finesynth.contracts.events.ListwiseSpec;
import dev.finesynth.contracts.events.TrainingSpec;
import picocli.CommandLine.Option;

/** {@code --listwise-weight W}: a listwise KL term beside MarginMSE (off by default). */
public class ListwiseOption {
  @Option(
      names = "--listwise-weight",
      defaultValue = "0",
      description =
          "Add a listwise KL term over each query's candidates in a batch, at this weight"
              + " (default ${DEFAULT-VALUE}: MarginMSE alone).")
  double weight;

  @Option(
      names = "--listwise-temperature",
      defaultValue = "0.05",
      description = "Temperature of the listwise term's softmaxes (default ${DEFAULT-VALUE}).")
  double temperature = ListwiseSpec.DEFAULT_TEMPERATURE;

  /** {@code spec} with the listwise term, when its weight is above 0. */
  public TrainingSpec applyTo(TrainingSpec spec) {
    if (!(weight >= 0) || !Double.isFinite(weight)) {
      throw new IllegalArgumentException("--listwise-weight must be 0 or more: " + weight);
    }
    if (!(temperature > 0) || !Double.isFinite(temperature)) {
      throw new IllegalArgumentException("--listwise-temperature must be above 0: " + temperature);
    }
    return weight == 0 ? spec : spec.withListwise(new ListwiseSpec(weight, temperature));
  }
}
