package dev.finesynth.encoders.weights;

/** Element types a weight file can hold, named as safetensors names them. */
public enum DType {
  F32(4),
  F16(2),
  BF16(2),
  I64(8),
  I32(4),
  U8(1);

  private final int bytes;

  DType(int bytes) {
    this.bytes = bytes;
  }

  public int bytes() {
    return bytes;
  }
}
