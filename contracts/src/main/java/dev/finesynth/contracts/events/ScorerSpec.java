package dev.finesynth.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.finesynth.contracts.validation.Checks;
import dev.finesynth.contracts.validation.Validated;

/**
 * One scorer of the teacher that labels triplets.
 *
 * @param kind {@code cross-encoder}, {@code bi-encoder} or {@code bm25}
 * @param model a model reference the encoders library accepts (absent for bm25, whose scores the
 *     miner computes over the whole corpus and sends with each candidate)
 * @param weight weight of this scorer in the fusion
 */
public record ScorerSpec(
    String kind, @JsonInclude(JsonInclude.Include.NON_NULL) String model, double weight)
    implements Validated {
  public static final String BI_ENCODER = "bi-encoder";
  public static final String CROSS_ENCODER = "cross-encoder";
  public static final String BM25 = "bm25";

  public static ScorerSpec crossEncoder(String model) {
    return new ScorerSpec(CROSS_ENCODER, model, 1.0);
  }

  public static ScorerSpec biEncoder(String model) {
    return new ScorerSpec(BI_ENCODER, model, 1.0);
  }

  public static ScorerSpec bm25() {
    return new ScorerSpec(BM25, null, 1.0);
  }

  /** {@code kind:model}, or the kind alone for bm25. */
  public String label() {
    return model == null ? kind : kind + ":" + model;
  }

  @Override
  public void validate(Checks checks) {
    checks.id("kind", kind).finite("weight", weight);
    if (!kind.equals(BM25)) {
      checks.id("model", model);
    }
  }
}
