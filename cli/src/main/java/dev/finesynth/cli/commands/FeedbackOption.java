package dev.finesynth.cli.commands;

import dev.finesynth.contracts.events.SynthesisModels;
import picocli.CommandLine.Option;

/** {@code --feedback W}: the teacher's pseudo-relevance feedback, over the preset's setting. */
public class FeedbackOption {
  @Option(
      names = "--feedback",
      description =
          "Pseudo-relevance feedback weight of the teacher: each bi-encoder scorer adds this times"
              + " a candidate's cosine to the teacher's best candidate before the final fusion"
              + " (default: the preset's, off; 0.5 helps on Cranfield).")
  Double weight;

  /** {@code models} with the given weight, or as they are when none was given. */
  public SynthesisModels applyTo(SynthesisModels models) {
    return weight == null ? models : models.withFeedback(weight);
  }
}
