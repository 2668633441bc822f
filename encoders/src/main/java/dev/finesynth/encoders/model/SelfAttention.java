package dev.finesynth.encoders.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Multi-head scaled dot-product self-attention with its output projection.
 *
 * <p>Input: hidden states [B, T, H] and an additive mask bias [B, 1, 1, T] (0 for real tokens, a
 * large negative number for padding). Output: [B, T, H], before the residual and LayerNorm.
 */
public final class SelfAttention extends HfBlock {
  private final int heads;
  private final int headSize;
  private final Linear query;
  private final Linear key;
  private final Linear value;
  private final Linear out;

  SelfAttention(int hidden, int heads, Naming names) {
    this.heads = heads;
    this.headSize = hidden / heads;
    query = addChildBlock(names.query(), new Linear(hidden, hidden));
    key = addChildBlock(names.key(), new Linear(hidden, hidden));
    value = addChildBlock(names.value(), new Linear(hidden, hidden));
    out = addChildBlock(names.attentionOut(), new Linear(hidden, hidden));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.get(0);
    NDArray maskBias = inputs.get(1);
    long b = x.getShape().get(0);
    long t = x.getShape().get(1);
    // [B, T, H] -> [B, heads, T, headSize]; keys straight to [B, heads, headSize, T]
    NDArray q = heads(query.apply(ps, x, training), b, t, 0, 2, 1, 3);
    NDArray k = heads(key.apply(ps, x, training), b, t, 0, 2, 3, 1);
    NDArray scores = consume(q.matMul(k), q, k);
    scores = consume(scores.mul(constant(x, (float) (1.0 / Math.sqrt(headSize)))), scores);
    scores = consume(scores.add(maskBias), scores);
    NDArray probs = consume(scores.softmax(-1), scores);
    NDArray v = heads(value.apply(ps, x, training), b, t, 0, 2, 1, 3);
    NDArray context = consume(probs.matMul(v), probs, v);
    NDArray merged = consume(context.transpose(0, 2, 1, 3), context);
    NDArray flat = consume(merged.reshape(b, t, (long) heads * headSize), merged);
    return new NDList(consume(out.apply(ps, flat, training), flat));
  }

  /** [B, T, H] to [B, T, heads, headSize], then permuted by {@code axes}. */
  private NDArray heads(NDArray projected, long b, long t, int... axes) {
    NDArray split = consume(projected.reshape(b, t, heads, headSize), projected);
    return consume(split.transpose(axes), split);
  }

  /**
   * Returns {@code result} after closing the handles of intermediates it was computed from, so
   * their memory goes as soon as nothing needs it. Safe under a gradient collector too: autograd
   * keeps its own references to what the backward pass needs (these are all op results, never
   * arrays over Java memory).
   */
  static NDArray consume(NDArray result, NDArray... used) {
    for (NDArray u : used) {
      u.close();
    }
    return result;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}
