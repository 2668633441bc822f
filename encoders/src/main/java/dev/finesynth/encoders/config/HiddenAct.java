package dev.finesynth.encoders.config;

/** Feed-forward activations, as {@code hidden_act} names them. */
public enum HiddenAct {
  /** The exact form, {@code x * Phi(x)} with the error function. */
  GELU("gelu"),
  /** The tanh approximation ({@code gelu_new}, {@code gelu_pytorch_tanh}). */
  GELU_NEW("gelu_new"),
  RELU("relu");

  private final String hfName;

  HiddenAct(String hfName) {
    this.hfName = hfName;
  }

  public String hfName() {
    return hfName;
  }

  public static HiddenAct of(String name) {
    return switch (name) {
      case "gelu" -> GELU;
      case "gelu_new", "gelu_pytorch_tanh", "gelu_fast" -> GELU_NEW;
      case "relu" -> RELU;
      default -> throw new IllegalArgumentException("unsupported hidden_act: " + name);
    };
  }
}
