package dev.finesynth.encoders.train;

import ai.djl.ndarray.NDArray;
import java.util.Locale;

/**
 * The student's similarity of two batches of vectors, row by row: [B, D] x [B, D] to [B]. Safe
 * under a gradient collector (no Java numbers reach the ops).
 */
public enum Similarity {
  /** The dot product. */
  DOT,
  /** The cosine: the dot product of the L2-normalised vectors (eps 1e-12, as PyTorch's). */
  COSINE;

  public NDArray score(NDArray a, NDArray b) {
    if (this == COSINE) {
      return a.normalize(2, 1, 1e-12).mul(b.normalize(2, 1, 1e-12)).sum(new int[] {1});
    }
    return a.mul(b).sum(new int[] {1});
  }

  /** {@code dot} or {@code cosine}, any case. */
  public static Similarity of(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "dot", "dot_product", "dot-product" -> DOT;
      case "cosine", "cos", "cos_sim" -> COSINE;
      default -> throw new IllegalArgumentException("unknown similarity: " + name);
    };
  }
}
