package dev.finesynth.encoders.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/** {@code y = x W^T + b}, with {@code weight} as [out, in] like PyTorch's {@code nn.Linear}. */
public final class Linear extends HfBlock {
  private final int out;
  private final Parameter weight;
  private final Parameter bias;

  public Linear(int in, int out, boolean bias) {
    this.out = out;
    this.weight = param("weight", new Shape(out, in), WEIGHT_INIT);
    this.bias = bias ? param("bias", new Shape(out), Initializer.ZEROS) : null;
  }

  public Linear(int in, int out) {
    this(in, out, true);
  }

  /**
   * Applies the layer to one array of any rank. Higher-rank inputs are flattened to [N, in] first:
   * PyTorch's C++ {@code linear} fuses the bias into the matrix product (addmm) only for 2-D input.
   */
  public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
    NDArray w = value(ps, weight, x, training);
    NDArray b = bias == null ? null : value(ps, bias, x, training);
    Shape shape = x.getShape();
    if (shape.dimension() == 2 || b == null) {
      return ai.djl.nn.core.Linear.linear(x, w, b).singletonOrThrow();
    }
    NDArray flat = x.reshape(-1, shape.get(shape.dimension() - 1));
    NDArray y =
        SelfAttention.consume(ai.djl.nn.core.Linear.linear(flat, w, b).singletonOrThrow(), flat);
    long[] outShape = shape.getShape().clone();
    outShape[outShape.length - 1] = out;
    return SelfAttention.consume(y.reshape(outShape), y);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(apply(ps, inputs.singletonOrThrow(), training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    return new Shape[] {in.slice(0, in.dimension() - 1).add(out)};
  }
}
