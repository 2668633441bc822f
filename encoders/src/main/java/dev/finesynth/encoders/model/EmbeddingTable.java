package dev.finesynth.encoders.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** A lookup table of {@code rows} vectors: ids of any shape in, vectors appended as last axis. */
public final class EmbeddingTable extends HfBlock {
  private final int dim;
  private final Parameter weight;

  public EmbeddingTable(int rows, int dim) {
    this.dim = dim;
    this.weight = param("weight", new Shape(rows, dim), WEIGHT_INIT);
  }

  public NDArray apply(ParameterStore ps, NDArray ids, boolean training) {
    NDArray w = value(ps, weight, ids, training);
    return Embedding.embedding(ids, w, SparseFormat.DENSE).singletonOrThrow();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(apply(ps, inputs.singletonOrThrow(), training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0].add(dim)};
  }
}
