package dev.finesynth.encoders.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/** Layer normalisation over the last axis, with {@code weight} and {@code bias} as in PyTorch. */
public final class LayerNorm extends HfBlock {
  private final Shape normalized;
  private final float eps;
  private final Parameter weight;
  private final Parameter bias;

  public LayerNorm(int dim, float eps) {
    this.normalized = new Shape(dim);
    this.eps = eps;
    this.weight = param("weight", normalized, Initializer.ONES);
    this.bias = param("bias", normalized, Initializer.ZEROS);
  }

  public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
    NDArray w = value(ps, weight, x, training);
    NDArray b = value(ps, bias, x, training);
    return ai.djl.nn.norm.LayerNorm.layerNorm(x, normalized, w, b, eps).singletonOrThrow();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(apply(ps, inputs.singletonOrThrow(), training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return inputShapes;
  }
}
