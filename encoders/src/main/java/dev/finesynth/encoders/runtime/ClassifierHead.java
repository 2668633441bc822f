package dev.finesynth.encoders.runtime;

import dev.finesynth.encoders.config.Architecture;
import dev.finesynth.encoders.config.TransformerConfig;
import dev.finesynth.encoders.model.ClassificationHead;
import dev.finesynth.encoders.tokenize.TokenBatch;
import dev.finesynth.encoders.weights.TensorMap;

/**
 * A sequence-classification head in plain Java, for hidden states computed elsewhere (ONNX
 * Runtime); the same arithmetic as {@link ClassificationHead}.
 */
public final class ClassifierHead implements HiddenStateHead {
  private final boolean relu;
  private final Dense dense;
  private final Dense out;

  /**
   * @param head the head's weights, named as {@link ClassificationHead} names them
   */
  public ClassifierHead(TransformerConfig config, TensorMap head) {
    Architecture arch = config.architecture();
    relu = arch == Architecture.DISTILBERT;
    dense = Dense.of(head, ClassificationHead.denseName(arch));
    out = Dense.of(head, ClassificationHead.outName(arch));
  }

  @Override
  public float[][] apply(float[] hidden, TokenBatch batch, int h) {
    int t = batch.sequenceLength();
    float[][] logits = new float[batch.size()][];
    for (int b = 0; b < batch.size(); b++) {
      float[] first = new float[h];
      System.arraycopy(hidden, b * t * h, first, 0, h);
      float[] x = dense.apply(first);
      for (int i = 0; i < x.length; i++) {
        x[i] = relu ? Math.max(0f, x[i]) : (float) Math.tanh(x[i]);
      }
      logits[b] = out.apply(x);
    }
    return logits;
  }
}
