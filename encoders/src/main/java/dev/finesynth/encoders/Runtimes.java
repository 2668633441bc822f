package dev.finesynth.encoders;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.finesynth.encoders.weights.DType;
import dev.finesynth.encoders.weights.Tensor;
import dev.finesynth.encoders.weights.TensorMap;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small pieces BiEncoder and CrossEncoder share. */
final class Runtimes {
  private Runtimes() {}

  /** Applies the intra-op thread count; PyTorch's setting is process-wide. */
  static void configureThreads(EncoderOptions options) {
    if (options.intraOpThreads() > 0) {
      Engine.getEngine("PyTorch"); // loads the native library JniUtils calls into
      JniUtils.setNumThreads(options.intraOpThreads());
    }
  }

  static Path onnxFile(ModelSource source) {
    if (source.onnxFile() == null) {
      throw new IllegalArgumentException(
          source.name() + " has no ONNX file (model.onnx or onnx/model.onnx): use PYTORCH");
    }
    return source.onnxFile();
  }

  static void requireAll(List<String> missing, String what) {
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          what + " lacks " + missing.size() + " weights, for example " + missing.get(0));
    }
  }

  /**
   * The float tensors of {@code source} that none of {@code used} names (with or without {@code
   * prefix.}), copied to the heap so they do not pin a file mapping, named as {@code used} names
   * things (prefixed or not).
   */
  static TensorMap unused(Set<String> used, TensorMap source, String prefix) {
    String p = prefix + ".";
    boolean usedPrefixed = used.stream().anyMatch(n -> n.startsWith(p));
    TensorMap out = new TensorMap();
    for (Map.Entry<String, Tensor> e : source.asMap().entrySet()) {
      String name = e.getKey();
      String bare = name.startsWith(p) ? name.substring(p.length()) : name;
      if (used.contains(bare) || used.contains(p + bare) || !isFloat(e.getValue())) {
        continue;
      }
      String target = usedPrefixed ? p + bare : bare;
      Tensor t = e.getValue();
      out.put(target, Tensor.ofFloats(t.shape(), t.toFloats()));
    }
    return out;
  }

  /** {@code first} with the entries of {@code second} added. */
  static TensorMap concat(TensorMap first, TensorMap second) {
    second.asMap().forEach(first::put);
    return first;
  }

  private static boolean isFloat(Tensor t) {
    return t.dtype() == DType.F32 || t.dtype() == DType.F16 || t.dtype() == DType.BF16;
  }
}
