package dev.finesynth.encoders.train;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Switches PyTorch's autograd off for the calling thread until closed, then restores it. Grad mode
 * is per thread and on by default in new threads, and in-place updates of weights that require
 * gradients fail while it is on.
 */
final class GradMode implements AutoCloseable {
  private final boolean previous;

  private GradMode() {
    previous = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
  }

  static GradMode off() {
    return new GradMode();
  }

  @Override
  public void close() {
    JniUtils.setGradMode(previous);
  }
}
