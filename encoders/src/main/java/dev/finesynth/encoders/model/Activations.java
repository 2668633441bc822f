package dev.finesynth.encoders.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import dev.finesynth.encoders.config.HiddenAct;

/** The activations the supported models use, safe under a gradient collector. */
public final class Activations {
  private static final float SQRT_2_OVER_PI = (float) Math.sqrt(2 / Math.PI);

  private Activations() {}

  public static NDArray apply(HiddenAct act, NDArray x) {
    return switch (act) {
      case GELU -> Activation.gelu(x);
      case RELU -> Activation.relu(x);
      case GELU_NEW -> geluTanh(x);
    };
  }

  /** {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}, constants as arrays. */
  static NDArray geluTanh(NDArray x) {
    NDArray half = HfBlock.constant(x, 0.5f);
    NDArray one = HfBlock.constant(x, 1f);
    NDArray cubic = HfBlock.constant(x, 0.044715f);
    NDArray c = HfBlock.constant(x, SQRT_2_OVER_PI);
    NDArray inner = x.add(x.mul(x).mul(x).mul(cubic)).mul(c);
    return x.mul(half).mul(inner.tanh().add(one));
  }

  /**
   * A sentence-transformers Dense activation by its simple class name ({@code Tanh}, {@code
   * Identity}, {@code ReLU}, {@code Sigmoid}, {@code GELU}).
   */
  public static NDArray byName(String name, NDArray x) {
    return switch (name) {
      case "Tanh" -> x.tanh();
      case "Identity" -> x;
      case "ReLU" -> Activation.relu(x);
      case "Sigmoid" -> Activation.sigmoid(x);
      case "GELU" -> Activation.gelu(x);
      default -> throw new IllegalArgumentException("unsupported activation: " + name);
    };
  }
}
