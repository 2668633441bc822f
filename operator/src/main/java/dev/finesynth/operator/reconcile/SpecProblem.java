package dev.finesynth.operator.reconcile;

/**
 * Why a SynthesisRun cannot start yet: a {@code reason} for its condition (CamelCase, as Kubernetes
 * conditions have them) and whether the operator tries again (an input that may still be created)
 * or gives up until the spec changes.
 */
public final class SpecProblem extends RuntimeException {
  private final String reason;
  private final boolean retry;

  SpecProblem(String reason, String message, boolean retry) {
    super(message);
    this.reason = reason;
    this.retry = retry;
  }

  static SpecProblem invalid(String message) {
    return new SpecProblem("InvalidSpec", message, false);
  }

  static SpecProblem missing(String message) {
    return new SpecProblem("InputNotFound", message, true);
  }

  public String reason() {
    return reason;
  }

  public boolean retry() {
    return retry;
  }
}
