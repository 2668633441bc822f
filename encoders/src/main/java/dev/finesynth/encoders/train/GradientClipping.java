package dev.finesynth.encoders.train;

import ai.djl.ndarray.NDArray;
import java.util.List;

/** Clipping of gradients by their global L2 norm, as PyTorch's {@code clip_grad_norm_}. */
public final class GradientClipping {
  private GradientClipping() {}

  /** The L2 norm of all {@code gradients} together (null entries skipped). */
  public static double globalNorm(List<NDArray> gradients) {
    double sumOfSquares = 0;
    try (GradMode off = GradMode.off()) {
      for (NDArray g : gradients) {
        if (g != null) {
          try (NDArray norm = g.norm()) {
            double n = norm.getFloat();
            sumOfSquares += n * n;
          }
        }
      }
    }
    return Math.sqrt(sumOfSquares);
  }

  /**
   * Scales {@code gradients} in place by {@code maxNorm / (norm + 1e-6)} when that is below 1.
   *
   * @param maxNorm the largest global norm to allow; 0 or less measures without clipping
   * @return the global norm before clipping
   */
  public static double clipByGlobalNorm(List<NDArray> gradients, double maxNorm) {
    double norm = globalNorm(gradients);
    double coefficient = maxNorm / (norm + 1e-6);
    if (maxNorm > 0 && coefficient < 1) {
      try (GradMode off = GradMode.off()) {
        for (NDArray g : gradients) {
          if (g != null) {
            g.muli((float) coefficient);
          }
        }
      }
    }
    return norm;
  }
}
