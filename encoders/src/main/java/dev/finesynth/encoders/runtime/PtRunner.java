package dev.finesynth.encoders.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import dev.finesynth.encoders.tokenize.TokenBatch;

/**
 * Runs a block of this library on PyTorch for inference. Each call has its own {@link NDManager}
 * (closed before returning) and parameter store, and switches autograd off for the calling thread
 * while it runs (PyTorch's grad mode is per thread), so concurrent callers share only the read-only
 * weights.
 */
public final class PtRunner implements InferenceRunner {
  private final Block block;
  private final NDManager weightsManager;

  /**
   * @param block an initialised block taking (ids, mask, token types) and returning [B, D]
   * @param weightsManager the manager the weights live in; each call works in a sub-manager
   */
  public PtRunner(Block block, NDManager weightsManager) {
    this.block = block;
    this.weightsManager = weightsManager;
  }

  /**
   * Forward passes over one block are serialised: two threads running the same shared block at once
   * crashed libtorch natively (SIGSEGV in an add kernel) in the miner, and intra-op threads already
   * keep every core busy during a single pass.
   */
  @Override
  public float[][] run(TokenBatch batch) {
    synchronized (block) {
      return runExclusive(batch);
    }
  }

  private float[][] runExclusive(TokenBatch batch) {
    int rows = batch.size();
    Shape shape = new Shape(rows, batch.sequenceLength());
    boolean gradMode = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try (NDManager manager = weightsManager.newSubManager()) {
      NDList inputs =
          new NDList(
              manager.create(batch.flatIds(), shape),
              manager.create(batch.flatMask(), shape),
              manager.create(batch.flatTypeIds(), shape));
      NDArray out = block.forward(new ParameterStore(manager, false), inputs, false).head();
      return split(out.toFloatArray(), rows);
    } finally {
      JniUtils.setGradMode(gradMode);
    }
  }

  static float[][] split(float[] flat, int rows) {
    int width = rows == 0 ? 0 : flat.length / rows;
    float[][] out = new float[rows][];
    for (int r = 0; r < rows; r++) {
      out[r] = new float[width];
      System.arraycopy(flat, r * width, out[r], 0, width);
    }
    return out;
  }

  @Override
  public void close() {
    // the weights belong to the encoder that made this runner
  }
}
