package dev.finesynth.encoders.weights;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the float weights of a transformer exported to ONNX, by Hugging Face state-dict names.
 *
 * <p>Initializers already named like the state dict map as they are. Linear weights exported as
 * {@code onnx::MatMul_*} are named from the MatMul node that consumes them ({@code
 * /encoder/layer.0/attention/self/query/MatMul} gives {@code
 * encoder.layer.0.attention.self.query.weight}) and transposed from [in, out] to PyTorch's [out,
 * in]. Non-float initializers (such as {@code position_ids}) and unnamed constants are skipped.
 *
 * <p>Only the fields needed are decoded, with a small protobuf wire-format reader: ModelProto.graph
 * (7); GraphProto.node (1) and initializer (5); NodeProto input (1), name (3), op_type (4);
 * TensorProto dims (1), data_type (2), float_data (4), name (8), raw_data (9).
 */
public final class OnnxWeightReader {
  private static final int ONNX_FLOAT = 1;
  private static final int ONNX_FLOAT16 = 10;
  private static final int ONNX_BFLOAT16 = 16;

  /**
   * One float initializer of the file, for tools that patch trained weights back into a copy.
   *
   * @param onnxName its name in the graph
   * @param hfName its Hugging Face state-dict name
   * @param onnxShape its shape in the file
   * @param transposed whether the file stores it as [in, out] (the state dict has [out, in])
   * @param rawDataOffset where its raw bytes start in the file, or -1 when stored as float_data
   */
  public record Initializer(
      String onnxName,
      String hfName,
      long[] onnxShape,
      DType dtype,
      boolean transposed,
      long rawDataOffset) {}

  private record Parsed(Initializer info, Tensor tensor) {}

  private OnnxWeightReader() {}

  /** The weights of {@code onnxFile} by Hugging Face names, Linear weights as [out, in]. */
  public static TensorMap read(Path onnxFile) {
    TensorMap out = new TensorMap();
    for (Parsed p : parse(map(onnxFile))) {
      out.put(p.info.hfName(), p.info.transposed() ? transpose(p.tensor) : p.tensor);
    }
    return out;
  }

  /** Where each float initializer of {@code onnxFile} is and what it is called in a state dict. */
  public static List<Initializer> index(Path onnxFile) {
    return parse(map(onnxFile)).stream().map(Parsed::info).toList();
  }

  private static List<Parsed> parse(ByteBuffer file) {
    ProtoReader graph = null;
    ProtoReader model = new ProtoReader(file);
    while (model.next()) {
      if (model.field() == 7 && model.wireType() == ProtoReader.LEN) {
        graph = model.message();
      } else {
        model.skip();
      }
    }
    if (graph == null) {
      throw new IllegalArgumentException("no graph in the ONNX model");
    }
    List<Parsed> initializers = new ArrayList<>();
    Map<String, String> matMulModule = new HashMap<>();
    while (graph.next()) {
      if (graph.field() == 5 && graph.wireType() == ProtoReader.LEN) {
        Parsed t = tensor(graph.message());
        if (t != null) {
          initializers.add(t);
        }
      } else if (graph.field() == 1 && graph.wireType() == ProtoReader.LEN) {
        node(graph.message(), matMulModule);
      } else {
        graph.skip();
      }
    }
    List<Parsed> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Parsed p : initializers) {
      Initializer t = p.info;
      String module = matMulModule.get(t.onnxName());
      boolean transposed = module != null && t.onnxShape().length == 2;
      String hfName;
      if (transposed) {
        hfName = t.onnxName().startsWith("onnx::") ? module + ".weight" : t.onnxName();
      } else if (t.onnxName().startsWith("onnx::") || t.onnxName().startsWith("/")) {
        continue;
      } else {
        hfName = t.onnxName();
      }
      if (!names.add(hfName)) {
        throw new IllegalArgumentException("two initializers map to " + hfName);
      }
      out.add(
          new Parsed(
              new Initializer(
                  t.onnxName(), hfName, t.onnxShape(), t.dtype(), transposed, t.rawDataOffset()),
              p.tensor));
    }
    return out;
  }

  /** Records which initializer feeds each {@code <module>/MatMul} node as its weight. */
  private static void node(ProtoReader n, Map<String, String> matMulModule) {
    List<String> inputs = new ArrayList<>();
    String name = "";
    String op = "";
    while (n.next()) {
      switch (n.field()) {
        case 1 -> inputs.add(n.string());
        case 3 -> name = n.string();
        case 4 -> op = n.string();
        default -> n.skip();
      }
    }
    if (op.equals("MatMul") && inputs.size() == 2 && name.endsWith("/MatMul")) {
      String module = name.substring(0, name.length() - "/MatMul".length());
      module = module.startsWith("/") ? module.substring(1) : module;
      matMulModule.put(inputs.get(1), module.replace('/', '.'));
    }
  }

  /** A float initializer (its tensor a view over the file), or null for other types. */
  private static Parsed tensor(ProtoReader t) {
    List<Long> dims = new ArrayList<>();
    int dataType = 0;
    String name = "";
    ByteBuffer raw = null;
    long rawOffset = -1;
    FloatBuffer floats = null;
    while (t.next()) {
      switch (t.field()) {
        case 1 -> {
          if (t.wireType() == ProtoReader.LEN) {
            ProtoReader packed = t.message();
            while (packed.hasRemaining()) {
              dims.add(packed.varint());
            }
          } else {
            dims.add(t.varint());
          }
        }
        case 2 -> dataType = (int) t.varint();
        case 4 -> {
          if (t.wireType() != ProtoReader.LEN) {
            throw new IllegalArgumentException("unpacked float_data is not supported");
          }
          floats = t.bytes().asFloatBuffer();
        }
        case 8 -> name = t.string();
        case 9 -> {
          raw = t.bytes();
          rawOffset = t.offset() - raw.remaining();
        }
        default -> t.skip();
      }
    }
    DType dtype =
        switch (dataType) {
          case ONNX_FLOAT -> DType.F32;
          case ONNX_FLOAT16 -> DType.F16;
          case ONNX_BFLOAT16 -> DType.BF16;
          default -> null;
        };
    if (dtype == null) {
      return null;
    }
    long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
    Tensor tensor;
    if (raw != null) {
      tensor = new Tensor(dtype, shape, raw);
    } else if (floats != null && dtype == DType.F32) {
      float[] values = new float[floats.remaining()];
      floats.get(values);
      tensor = Tensor.ofFloats(shape, values);
    } else {
      throw new IllegalArgumentException("initializer " + name + " has no data this reader knows");
    }
    return new Parsed(new Initializer(name, name, shape, dtype, false, rawOffset), tensor);
  }

  /** [in, out] to [out, in], as float32, in one copy. */
  static Tensor transpose(Tensor t) {
    int rows = Math.toIntExact(t.shape()[0]);
    int cols = Math.toIntExact(t.shape()[1]);
    ByteBuffer bytes = ByteBuffer.allocate(rows * cols * 4).order(ByteOrder.LITTLE_ENDIAN);
    FloatBuffer out = bytes.asFloatBuffer();
    if (t.dtype() == DType.F32) {
      FloatBuffer in = t.bytes().asFloatBuffer();
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          out.put(c * rows + r, in.get(r * cols + c));
        }
      }
    } else {
      float[] in = t.toFloats();
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          out.put(c * rows + r, in[r * cols + c]);
        }
      }
    }
    return new Tensor(DType.F32, new long[] {cols, rows}, bytes);
  }

  private static ByteBuffer map(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return channel
          .map(FileChannel.MapMode.READ_ONLY, 0, channel.size())
          .order(ByteOrder.LITTLE_ENDIAN);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
