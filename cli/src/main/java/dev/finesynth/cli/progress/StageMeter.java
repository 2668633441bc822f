package dev.finesynth.cli.progress;

import java.util.Map;
import java.util.Optional;

/**
 * Which counts of a stage's progress events measure how far it is, as its services publish them:
 * e.g. the trainer's {@code step} of {@code totalSteps}.
 */
record StageMeter(String label, String doneKey, String totalKey, String unit) {
  private static final Map<String, StageMeter> STAGES =
      Map.of(
          "miner", new StageMeter("mining", "queries", "expected", "queries"),
          "scorer", new StageMeter("scoring", "queries", "expected", "queries"),
          "dataset", new StageMeter("dataset", "triplets", "expected", "triplets"),
          "trainer", new StageMeter("training", "step", "totalSteps", "steps"),
          "evaluator", new StageMeter("evaluating", "models", "expected", "models"));

  /** The meter of a known stage; none for a stage whose counts hold no total. */
  static Optional<StageMeter> of(String stage) {
    return Optional.ofNullable(STAGES.get(stage));
  }

  /** Whether an event's counts hold both figures. */
  boolean measures(Map<String, Double> counts) {
    return counts.containsKey(doneKey) && counts.containsKey(totalKey);
  }
}
