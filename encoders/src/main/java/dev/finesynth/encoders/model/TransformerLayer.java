package dev.finesynth.encoders.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.finesynth.encoders.config.TransformerConfig;

/**
 * One post-LN encoder layer: {@code x = LN(x + attn(x)); x = LN(x + ffn(x))}. Input: hidden states
 * [B, T, H] and the additive mask bias [B, 1, 1, T]; output: hidden states.
 */
public final class TransformerLayer extends HfBlock {
  private final SelfAttention attention;
  private final LayerNorm attentionNorm;
  private final FeedForward ffn;
  private final LayerNorm ffnNorm;

  TransformerLayer(TransformerConfig config, Naming names) {
    int h = config.hiddenSize();
    float eps = config.layerNormEps();
    attention = addChildBlock(names.attention(), new SelfAttention(h, config.numHeads(), names));
    attentionNorm = addChildBlock(names.attentionNorm(), new LayerNorm(h, eps));
    ffn =
        addChildBlock(
            names.ffn(), new FeedForward(h, config.intermediateSize(), config.hiddenAct(), names));
    ffnNorm = addChildBlock(names.ffnNorm(), new LayerNorm(h, eps));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.get(0);
    NDArray attended = attention.forward(ps, inputs, training).singletonOrThrow();
    NDArray sum = SelfAttention.consume(x.add(attended), attended);
    NDArray y = SelfAttention.consume(attentionNorm.apply(ps, sum, training), sum);
    NDArray transformed = ffn.forward(ps, new NDList(y), training).singletonOrThrow();
    NDArray sum2 = SelfAttention.consume(y.add(transformed), transformed, y);
    return new NDList(SelfAttention.consume(ffnNorm.apply(ps, sum2, training), sum2));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}
