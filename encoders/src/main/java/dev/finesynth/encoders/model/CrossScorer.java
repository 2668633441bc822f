package dev.finesynth.encoders.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.finesynth.encoders.config.TransformerConfig;

/**
 * A Hugging Face {@code *ForSequenceClassification} model: the transformer under its base prefix
 * ({@code bert.}, {@code roberta.}, {@code distilbert.}) and a {@link ClassificationHead}. Input:
 * ids, mask, token types [B, T] of (query, document) pairs; output: logits [B, labels].
 */
public final class CrossScorer extends HfBlock {
  private final TransformerEncoder encoder;
  private final ClassificationHead head;

  public CrossScorer(TransformerConfig config) {
    encoder = addChildBlock(config.architecture().basePrefix(), new TransformerEncoder(config));
    head = addChildBlock("", new ClassificationHead(config));
  }

  public TransformerEncoder encoder() {
    return encoder;
  }

  public ClassificationHead head() {
    return head;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList hidden = encoder.forward(ps, inputs, training);
    return head.forward(ps, hidden, training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return head.getOutputShapes(encoder.getOutputShapes(inputShapes));
  }
}
