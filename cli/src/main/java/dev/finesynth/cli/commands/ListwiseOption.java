package dev.finesynth.cli.commands;

import dev.finesynth.contracts.events.ListwiseSpec;
import dev.finesynth.contracts.events.TrainingSpec;
import picocli.CommandLine.Option;

/** {@code --listwise-weight W}: the listwise KL term beside MarginMSE; 0 turns it off. */
public class ListwiseOption {
  @Option(
      names = "--listwise-weight",
      description =
          "Weight of the listwise KL term over each query's candidates in a batch, beside"
              + " MarginMSE (default 1; 0: MarginMSE alone).")
  Double weight;

  @Option(
      names = "--listwise-temperature",
      description = "Temperature of the listwise term's softmaxes (default 0.05).")
  Double temperature;

  /** {@code spec} with the listwise term as given; what is not given keeps the spec's. */
  public TrainingSpec applyTo(TrainingSpec spec) {
    if (weight != null && (!(weight >= 0) || !Double.isFinite(weight))) {
      throw new IllegalArgumentException("--listwise-weight must be 0 or more: " + weight);
    }
    if (temperature != null && (!(temperature > 0) || !Double.isFinite(temperature))) {
      throw new IllegalArgumentException("--listwise-temperature must be above 0: " + temperature);
    }
    ListwiseSpec current =
        spec.listwise() != null ? spec.listwise() : ListwiseSpec.of(ListwiseSpec.DEFAULT_WEIGHT);
    double w = weight != null ? weight : current.weight();
    double t = temperature != null ? temperature : current.temperature();
    return spec.withListwise(w == 0 ? null : new ListwiseSpec(w, t));
  }
}
