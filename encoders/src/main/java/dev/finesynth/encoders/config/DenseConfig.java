package dev.finesynth.encoders.config;

/**
 * A sentence-transformers {@code Dense} module: {@code activation(linear(x))}.
 *
 * @param activation the module's {@code activation_function}, reduced to its simple class name
 *     ({@code Tanh}, {@code Identity}, {@code ReLU}, {@code Sigmoid})
 */
public record DenseConfig(int inFeatures, int outFeatures, boolean bias, String activation) {

  public static DenseConfig tanh(int inFeatures, int outFeatures) {
    return new DenseConfig(inFeatures, outFeatures, true, "Tanh");
  }

  static String simpleName(String activationFunction) {
    int dot = activationFunction.lastIndexOf('.');
    return dot < 0 ? activationFunction : activationFunction.substring(dot + 1);
  }

  /** The fully qualified name sentence-transformers writes into {@code config.json}. */
  public String activationFunction() {
    return activation.equals("Identity")
        ? "torch.nn.modules.linear.Identity"
        : "torch.nn.modules.activation." + activation;
  }
}
