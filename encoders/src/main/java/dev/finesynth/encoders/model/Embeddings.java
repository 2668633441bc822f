package dev.finesynth.encoders.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.finesynth.encoders.config.TransformerConfig;

/**
 * Word + position (+ token type) embeddings, then LayerNorm.
 *
 * <p>Input: token ids [B, T], attention mask [B, T] and token type ids [B, T] (int64; the last
 * ignored when the model has no token types). Position ids are {@code 0..T-1}, or for RoBERTa
 * {@code pad + cumsum(mask)} on real tokens and {@code pad} on padding, as Hugging Face computes
 * them.
 */
public final class Embeddings extends HfBlock {
  private final TransformerConfig config;
  private final EmbeddingTable words;
  private final EmbeddingTable positions;
  private final EmbeddingTable tokenTypes;
  private final LayerNorm norm;

  public Embeddings(TransformerConfig config) {
    this.config = config;
    int h = config.hiddenSize();
    words = addChildBlock("word_embeddings", new EmbeddingTable(config.vocabSize(), h));
    positions = addChildBlock("position_embeddings", new EmbeddingTable(config.maxPositions(), h));
    tokenTypes =
        config.hasTokenTypes()
            ? addChildBlock("token_type_embeddings", new EmbeddingTable(config.typeVocabSize(), h))
            : null;
    norm = addChildBlock("LayerNorm", new LayerNorm(h, config.layerNormEps()));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray ids = inputs.get(0);
    NDArray x = words.apply(ps, ids, training);
    x = x.add(positions.apply(ps, positionIds(ids, inputs.get(1)), training));
    if (tokenTypes != null && inputs.size() > 2) {
      // a one-row table (RoBERTa) reads row 0 whatever ids a tokenizer gave the second text
      NDArray types = config.typeVocabSize() == 1 ? inputs.get(2).zerosLike() : inputs.get(2);
      x = x.add(tokenTypes.apply(ps, types, training));
    }
    return new NDList(norm.apply(ps, x, training));
  }

  private NDArray positionIds(NDArray ids, NDArray mask) {
    int padIdx = config.positionPaddingIdx();
    if (padIdx < 0) {
      long length = ids.getShape().get(1);
      return ids.getManager().arange(0f, length, 1f, DataType.INT64).expandDims(0);
    }
    NDArray m = mask.toType(DataType.INT64, false);
    return m.cumSum(1).mul(m).add(ids.getManager().create((long) padIdx));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0].add(config.hiddenSize())};
  }
}
