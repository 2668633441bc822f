package dev.finesynth.contracts.events;

import dev.finesynth.contracts.validation.Checks;
import dev.finesynth.contracts.validation.Validated;

/**
 * One scorer of the teacher that labels triplets.
 *
 * @param kind {@code cross-encoder}, {@code bi-encoder} or {@code bm25}
 * @param model a model reference the encoders library accepts (ignored for bm25)
 * @param weight weight of this scorer in the fusion
 */
public record ScorerSpec(String kind, String model, double weight) implements Validated {

  public static ScorerSpec crossEncoder(String model) {
    return new ScorerSpec("cross-encoder", model, 1.0);
  }

  public static ScorerSpec biEncoder(String model) {
    return new ScorerSpec("bi-encoder", model, 1.0);
  }

  @Override
  public void validate(Checks checks) {
    checks.id("kind", kind).finite("weight", weight);
    if (!kind.equals("bm25")) {
      checks.id("model", model);
    }
  }
}
