package dev.finesynth.encoders.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.finesynth.encoders.config.DenseConfig;

/**
 * A sentence-transformers Dense module, {@code act(linear(x))}; its weights are {@code linear.*}.
 */
public final class DenseLayer extends HfBlock {
  private final DenseConfig config;
  private final Linear linear;

  public DenseLayer(DenseConfig config) {
    this.config = config;
    linear =
        addChildBlock(
            "linear", new Linear(config.inFeatures(), config.outFeatures(), config.bias()));
  }

  public DenseConfig config() {
    return config;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    var y = linear.apply(ps, inputs.singletonOrThrow(), training);
    return new NDList(Activations.byName(config.activation(), y));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return linear.getOutputShapes(inputShapes);
  }
}
