package dev.finesynth.encoders.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.finesynth.encoders.config.PoolingMode;

/**
 * Token vectors to one vector per sequence. Input: hidden states [B, T, H] and attention mask [B,
 * T]; output: [B, H]. Padding never contributes.
 */
public final class Pooling extends HfBlock {
  private final PoolingMode mode;

  public Pooling(PoolingMode mode) {
    this.mode = mode;
  }

  public PoolingMode mode() {
    return mode;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray hidden = inputs.get(0);
    if (mode == PoolingMode.CLS) {
      return new NDList(hidden.get(new NDIndex(":, 0")));
    }
    NDArray mask = inputs.get(1).toType(DataType.FLOAT32, false).expandDims(2);
    if (mode == PoolingMode.MEAN) {
      NDArray sum = hidden.mul(mask).sum(new int[] {1});
      NDArray count = mask.sum(new int[] {1}).maximum(constant(mask, 1e-9f));
      return new NDList(sum.div(count));
    }
    NDArray masked = hidden.add(constant(mask, 1f).sub(mask).mul(constant(mask, -1e9f)));
    return new NDList(masked.max(new int[] {1}));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape h = inputShapes[0];
    return new Shape[] {new Shape(h.get(0), h.get(2))};
  }
}
