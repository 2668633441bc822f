package dev.finesynth.encoders.model;

import ai.djl.ndarray.NDArray;

/** Dropout of training passes; inference passes, and a rate of 0, return the input as it is. */
final class Dropouts {
  private Dropouts() {}

  /** Zeroes each element of {@code x} with probability {@code rate} and rescales the rest. */
  static NDArray apply(NDArray x, float rate, boolean training) {
    if (!training || rate == 0f) {
      return x;
    }
    NDArray dropped = x.getNDArrayInternal().dropout(x, rate, true).singletonOrThrow();
    return SelfAttention.consume(dropped, x);
  }
}
