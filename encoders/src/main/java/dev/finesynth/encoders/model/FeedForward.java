package dev.finesynth.encoders.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.finesynth.encoders.config.HiddenAct;

/** The position-wise feed-forward network: {@code out(act(in(x)))}, before residual and norm. */
public final class FeedForward extends HfBlock {
  private final HiddenAct act;
  private final Linear in;
  private final Linear out;

  FeedForward(int hidden, int intermediate, HiddenAct act, Naming names) {
    this.act = act;
    in = addChildBlock(names.ffnIn(), new Linear(hidden, intermediate));
    out = addChildBlock(names.ffnOut(), new Linear(intermediate, hidden));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray projected = in.apply(ps, inputs.singletonOrThrow(), training);
    NDArray h = SelfAttention.consume(Activations.apply(act, projected), projected);
    return new NDList(SelfAttention.consume(out.apply(ps, h, training), h));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}
