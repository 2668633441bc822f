package dev.finesynth.encoders.train;

import java.util.Locale;

/** Adam (weight decay as L2 added to the gradient) or AdamW (decoupled weight decay). */
public enum OptimizerKind {
  ADAM,
  ADAMW;

  /** {@code Adam} or {@code AdamW}, any case. */
  public static OptimizerKind of(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "adam" -> ADAM;
      case "adamw" -> ADAMW;
      default -> throw new IllegalArgumentException("unknown optimizer: " + name);
    };
  }
}
