package dev.finesynth.encoders.runtime;

import dev.finesynth.encoders.tokenize.TokenBatch;

/**
 * Runs a model on one padded batch and returns one row per text: sentence vectors for a bi-encoder,
 * logits for a cross-encoder. Implementations are safe to call from several threads.
 */
public interface InferenceRunner extends AutoCloseable {

  float[][] run(TokenBatch batch);

  @Override
  void close();
}
