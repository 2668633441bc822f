package dev.finesynth.cli.commands;

import dev.finesynth.client.RunRequest;
import picocli.CommandLine.Option;

/** {@code --pseudo-queries N}: queries made from the corpus, added to a small query log. */
public class PseudoQueryOption {
  /** The seed of the documents' sample, fixed so that reruns synthesize the same dataset. */
  static final long SEED = 42;

  @Option(
      names = "--pseudo-queries",
      defaultValue = "0",
      description =
          "Also use N queries made from document titles (or first sentences), a seeded sample"
              + " of the corpus, for a small query log (default ${DEFAULT-VALUE}).")
  int count;

  /** Adds the pseudo-queries to {@code request}. */
  public RunRequest.Builder applyTo(RunRequest.Builder request) {
    return request.optPseudoQueries(count, SEED);
  }
}
