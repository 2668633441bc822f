package dev.finesynth.encoders.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One named weight as raw little-endian bytes; the common currency between weight readers (ONNX,
 * safetensors) and the model blocks, so neither side knows the other's file format.
 */
public record Tensor(DType dtype, long[] shape, ByteBuffer data) {

  public Tensor {
    long expected = Arrays.stream(shape).reduce(1, Math::multiplyExact) * dtype.bytes();
    if (data.remaining() != expected) {
      throw new IllegalArgumentException(
          "tensor of shape "
              + Arrays.toString(shape)
              + " needs "
              + expected
              + " bytes, got "
              + data.remaining());
    }
    data = data.slice().order(ByteOrder.LITTLE_ENDIAN);
  }

  public static Tensor ofFloats(long[] shape, float[] values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(values);
    return new Tensor(DType.F32, shape, buffer);
  }

  public long elementCount() {
    return Arrays.stream(shape).reduce(1, Math::multiplyExact);
  }

  /** The values as float32, converting from F16/BF16 when needed. */
  public float[] toFloats() {
    int n = Math.toIntExact(elementCount());
    float[] out = new float[n];
    ByteBuffer in = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    switch (dtype) {
      case F32 -> in.asFloatBuffer().get(out);
      case F16 -> {
        for (int i = 0; i < n; i++) out[i] = halfToFloat(in.getShort(i * 2));
      }
      case BF16 -> {
        for (int i = 0; i < n; i++)
          out[i] = Float.intBitsToFloat((in.getShort(i * 2) & 0xffff) << 16);
      }
      default -> throw new IllegalStateException("not a floating-point tensor: " + dtype);
    }
    return out;
  }

  /** The raw bytes, read-only, positioned at the start. */
  public ByteBuffer bytes() {
    return data.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** IEEE 754 binary16 to float32 (Float.float16ToFloat arrived only in Java 20). */
  static float halfToFloat(short half) {
    int h = half & 0xffff;
    int sign = (h & 0x8000) << 16;
    int exponent = (h >>> 10) & 0x1f;
    int mantissa = h & 0x3ff;
    if (exponent == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
    }
    if (exponent == 0) {
      float magnitude = mantissa * 0x1p-24f; // subnormal (or zero)
      return sign == 0 ? magnitude : -magnitude;
    }
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tensor t
        && t.dtype == dtype
        && Arrays.equals(t.shape, shape)
        && t.data.equals(data);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape) + dtype.hashCode();
  }

  @Override
  public String toString() {
    return "Tensor[" + dtype + " " + Arrays.toString(shape) + "]";
  }
}
