package dev.finesynth.encoders.config;

/**
 * Dropout probabilities of a transformer, applied only in training passes: {@code hidden} after the
 * embeddings and on each sub-layer's output before its residual, {@code attention} on the attention
 * probabilities. Hugging Face's defaults are 0.1 for both; sentence-transformers trains with them
 * on.
 */
public record DropoutRates(float hidden, float attention) {
  /** No dropout: training passes equal inference passes. */
  public static final DropoutRates NONE = new DropoutRates(0f, 0f);

  /** BERT's, DistilBERT's and RoBERTa's default. */
  public static final DropoutRates DEFAULT = new DropoutRates(0.1f, 0.1f);

  public DropoutRates {
    check("hidden", hidden);
    check("attention", attention);
  }

  private static void check(String name, float rate) {
    if (!(rate >= 0f && rate < 1f)) {
      throw new IllegalArgumentException(name + " dropout must be in [0, 1): " + rate);
    }
  }
}
