package dev.finesynth.encoders.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;

/**
 * Base of this package's blocks: parameters have fixed shapes (known from the config, never
 * inferred), children are named by their Hugging Face sub-path so {@link HfNames} can list the
 * weights by their state-dict names.
 *
 * <p>Blocks here may run under a gradient collector, so their forward passes never hand a Java
 * number to an NDArray op (see {@link #constant}).
 */
public abstract class HfBlock extends AbstractBlock {

  /** The initializer Hugging Face uses for Linear and Embedding weights. */
  protected static final Initializer WEIGHT_INIT = new NormalInitializer(0.02f);

  protected final Parameter param(String name, Shape shape, Initializer init) {
    return addParameter(
        Parameter.builder()
            .setName(name)
            .setType(Parameter.Type.OTHER)
            .optShape(shape)
            .optInitializer(init)
            .build());
  }

  protected static NDArray value(ParameterStore ps, Parameter p, NDArray like, boolean training) {
    return ps.getValue(p, like.getDevice(), training);
  }

  /**
   * A float32 scalar in the manager of {@code like}. Ops with a Java number wrap it in a temporary
   * tensor over Java memory that autograd may read after it is freed; a constant that lives in the
   * input's manager stays valid until that manager (and so the backward pass) is done.
   */
  protected static NDArray constant(NDArray like, float value) {
    return like.getManager().create(value);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    for (Block child : children.values()) {
      child.initialize(manager, dataType, shapes);
    }
  }
}
