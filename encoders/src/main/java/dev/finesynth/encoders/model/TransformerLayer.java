package dev.finesynth.encoders.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.finesynth.encoders.config.Architecture;
import dev.finesynth.encoders.config.DropoutRates;
import dev.finesynth.encoders.config.TransformerConfig;

/**
 * One post-LN encoder layer: {@code x = LN(x + drop(attn(x))); x = LN(x + drop(ffn(x)))}, where
 * {@code drop} is dropout in training passes only. Input: hidden states [B, T, H] and the additive
 * mask bias [B, 1, 1, T]; output: hidden states.
 */
public final class TransformerLayer extends HfBlock {
  private final SelfAttention attention;
  private final LayerNorm attentionNorm;
  private final FeedForward ffn;
  private final LayerNorm ffnNorm;
  private final float attentionOutputDropout;
  private final float ffnOutputDropout;

  TransformerLayer(TransformerConfig config, Naming names) {
    int h = config.hiddenSize();
    float eps = config.layerNormEps();
    DropoutRates dropout = config.dropout();
    attention =
        addChildBlock(
            names.attention(), new SelfAttention(h, config.numHeads(), dropout.attention(), names));
    // DistilBERT drops out the feed-forward output only; BERT and RoBERTa both sub-layer outputs
    attentionOutputDropout =
        config.architecture() == Architecture.DISTILBERT ? 0f : dropout.hidden();
    ffnOutputDropout = dropout.hidden();
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
    NDArray attended =
        Dropouts.apply(
            attention.forward(ps, inputs, training).singletonOrThrow(),
            attentionOutputDropout,
            training);
    NDArray sum = SelfAttention.consume(x.add(attended), attended);
    NDArray y = SelfAttention.consume(attentionNorm.apply(ps, sum, training), sum);
    NDArray transformed =
        Dropouts.apply(
            ffn.forward(ps, new NDList(y), training).singletonOrThrow(),
            ffnOutputDropout,
            training);
    NDArray sum2 = SelfAttention.consume(y.add(transformed), transformed, y);
    return new NDList(SelfAttention.consume(ffnNorm.apply(ps, sum2, training), sum2));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}
