package dev.finesynth.encoders.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import dev.finesynth.encoders.weights.DType;
import dev.finesynth.encoders.weights.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Initialises a parameter with a given tensor's values. The array is made over a writable direct
 * buffer of its own (never over the tensor's bytes, which may be a read-only file mapping), which
 * the array keeps alive for as long as it exists.
 */
final class TensorInitializer implements Initializer {
  private final String name;
  private final Tensor tensor;

  TensorInitializer(String name, Tensor tensor) {
    this.name = name;
    this.tensor = tensor;
  }

  @Override
  public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
    if (!Arrays.equals(shape.getShape(), tensor.shape())) {
      throw new IllegalArgumentException(
          name + " has shape " + Arrays.toString(tensor.shape()) + ", the model expects " + shape);
    }
    if (dataType != DataType.FLOAT32) {
      throw new IllegalArgumentException("only float32 parameters are supported: " + dataType);
    }
    return manager.create(directFloats(tensor), shape, DataType.FLOAT32);
  }

  /** The tensor's values as float32 in a new native-order direct buffer. */
  static ByteBuffer directFloats(Tensor tensor) {
    int count = Math.toIntExact(tensor.elementCount());
    ByteBuffer out = ByteBuffer.allocateDirect(count * 4).order(ByteOrder.nativeOrder());
    if (tensor.dtype() == DType.F32 && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
      out.put(tensor.bytes());
    } else {
      out.asFloatBuffer().put(tensor.toFloats());
    }
    return out.rewind();
  }
}
