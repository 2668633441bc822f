package dev.finesynth.encoders.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.finesynth.encoders.config.TransformerConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The base transformer (Hugging Face {@code BertModel}, {@code DistilBertModel}, {@code
 * XLMRobertaModel} without pooler): embeddings then the layer stack.
 *
 * <p>Input: token ids, attention mask (1 real, 0 padding) and token type ids, each int64 [B, T].
 * Output: the last hidden state [B, T, H].
 */
public final class TransformerEncoder extends HfBlock {
  /** Added to attention scores at padded keys; the value Hugging Face uses (float32 minimum). */
  static final float MASKED = -Float.MAX_VALUE;

  private final TransformerConfig config;
  private final Embeddings embeddings;
  private final List<TransformerLayer> layers = new ArrayList<>();

  public TransformerEncoder(TransformerConfig config) {
    this.config = config;
    Naming names = Naming.of(config.architecture());
    embeddings = addChildBlock("embeddings", new Embeddings(config));
    String stack = names.stack() + ".layer.";
    for (int i = 0; i < config.numLayers(); i++) {
      layers.add(addChildBlock(stack + i, new TransformerLayer(config, names)));
    }
  }

  public TransformerConfig config() {
    return config;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray mask = inputs.get(1);
    NDArray x = embeddings.forward(ps, inputs, training).singletonOrThrow();
    NDArray bias = maskBias(mask);
    for (TransformerLayer layer : layers) {
      x =
          training
              ? layer.forward(ps, new NDList(x, bias), true).singletonOrThrow()
              : scoped(ps, layer, x, bias);
    }
    return new NDList(x);
  }

  /**
   * Runs one layer for inference with its intermediates in a scope closed right after, so a long
   * batch holds one layer's attention scores at a time instead of all of them.
   */
  private static NDArray scoped(
      ParameterStore ps, TransformerLayer layer, NDArray x, NDArray bias) {
    NDManager parent = x.getManager();
    try (NDManager scope = parent.newSubManager()) {
      x.tempAttach(scope);
      NDArray y = layer.forward(ps, new NDList(x, bias), false).singletonOrThrow();
      y.attach(parent);
      return y;
    }
  }

  /** (1 - mask) * MASKED, shaped [B, 1, 1, T] to broadcast over heads and queries. */
  static NDArray maskBias(NDArray mask) {
    NDArray m = mask.toType(DataType.FLOAT32, false);
    NDArray bias = constant(m, 1f).sub(m).mul(constant(m, MASKED));
    Shape s = m.getShape();
    return bias.reshape(s.get(0), 1, 1, s.get(1));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0].add(config.hiddenSize())};
  }
}
