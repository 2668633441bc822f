package dev.finesynth.encoders.runtime;

import dev.finesynth.encoders.tokenize.TokenBatch;

/** What turns a batch's last hidden states into one row per text, in plain Java. */
public interface HiddenStateHead {

  /**
   * @param hidden the last hidden states, [B, T, H] flattened
   * @param batch the batch they were computed for (its mask says which tokens are real)
   * @param hiddenSize H
   */
  float[][] apply(float[] hidden, TokenBatch batch, int hiddenSize);
}
