package dev.finesynth.encoders;

/** What a cross-encoder applies to its logit before returning it as a score. */
public enum ScoreActivation {
  /** The raw logit. */
  IDENTITY,
  /** {@code 1 / (1 + exp(-logit))}. */
  SIGMOID;

  float apply(float logit) {
    return this == SIGMOID ? (float) (1 / (1 + Math.exp(-logit))) : logit;
  }
}
