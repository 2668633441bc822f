package dev.finesynth.encoders;

/** What runs the transformer at inference. */
public enum Backend {
  /** DJL blocks on PyTorch: always available, the same blocks training uses. */
  PYTORCH,
  /**
   * ONNX Runtime on an ONNX file of the same model (bundled models, or a folder with {@code
   * model.onnx} / {@code onnx/model.onnx}); pooling, Dense and heads still use the model's weights.
   * Inference only.
   */
  ONNX_RUNTIME
}
