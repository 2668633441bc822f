package dev.finesynth.encoders.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.finesynth.encoders.weights.Tensor;
import dev.finesynth.encoders.weights.TensorMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters of a block tree by their Hugging Face state-dict names, and moving weights between
 * those parameters and a {@link TensorMap}.
 *
 * <p>A name is the path of child names (DJL's numeric child prefixes removed, empty names skipped)
 * joined with dots, then the parameter name: {@code encoder.layer.0.attention.self.query.weight}.
 */
public final class StateDict {
  private StateDict() {}

  /** Every parameter under {@code root}, by Hugging Face name, in block order. */
  public static Map<String, Parameter> parameters(Block root) {
    Map<String, Parameter> out = new LinkedHashMap<>();
    collect(root, "", out);
    return out;
  }

  private static void collect(Block block, String prefix, Map<String, Parameter> out) {
    for (Pair<String, Parameter> p : block.getDirectParameters()) {
      out.put(join(prefix, p.getKey()), p.getValue());
    }
    for (Pair<String, Block> child : block.getChildren()) {
      // AbstractBlock.addChildBlock prepends a two-digit ordinal to each child name
      collect(child.getValue(), join(prefix, child.getKey().substring(2)), out);
    }
  }

  private static String join(String prefix, String name) {
    if (prefix.isEmpty()) {
      return name;
    }
    return name.isEmpty() ? prefix : prefix + "." + name;
  }

  /**
   * Makes each parameter of an uninitialised {@code root} start from its tensor in {@code weights}
   * (found as {@link #load} finds it) when {@code root.initialize} runs, without first filling it
   * at random; parameters without a tensor keep their random initializer.
   *
   * @return the names of parameters no tensor was found for
   */
  public static List<String> assign(Block root, TensorMap weights, String... prefixes) {
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, Parameter> e : parameters(root).entrySet()) {
      Tensor tensor = find(weights, e.getKey(), prefixes);
      if (tensor == null) {
        missing.add(e.getKey());
      } else {
        e.getValue().setInitializer(new TensorInitializer(e.getKey(), tensor));
      }
    }
    return missing;
  }

  /**
   * Copies weights into the (initialised) parameters of {@code root}. A parameter named {@code n}
   * takes the tensor {@code n}, else {@code p.n} or (when {@code n} starts with {@code p.}) {@code
   * n} without {@code p.}, for each alternative prefix {@code p}: checkpoints name the same
   * transformer with or without their task model's base prefix.
   *
   * @return the names of parameters no tensor was found for (left as they were)
   */
  public static List<String> load(Block root, TensorMap weights, String... prefixes) {
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, Parameter> e : parameters(root).entrySet()) {
      Tensor tensor = find(weights, e.getKey(), prefixes);
      if (tensor == null) {
        missing.add(e.getKey());
        continue;
      }
      NDArray array = e.getValue().getArray();
      long[] expected = array.getShape().getShape();
      if (!Arrays.equals(expected, tensor.shape())) {
        throw new IllegalArgumentException(
            e.getKey()
                + " has shape "
                + Arrays.toString(tensor.shape())
                + ", the model expects "
                + Arrays.toString(expected));
      }
      array.set(TensorInitializer.directFloats(tensor));
    }
    return missing;
  }

  /** The tensor that parameter {@code name} loads from, or null. */
  static Tensor find(TensorMap weights, String name, String... prefixes) {
    if (weights.contains(name)) {
      return weights.get(name);
    }
    for (String p : prefixes) {
      String alt = name.startsWith(p + ".") ? name.substring(p.length() + 1) : p + "." + name;
      if (weights.contains(alt)) {
        return weights.get(alt);
      }
    }
    return null;
  }

  /**
   * The tensors of {@code weights} that the parameters of {@code root} would load, named as the
   * block names them (no arrays needed: {@code root} may be uninitialised).
   */
  public static TensorMap select(Block root, TensorMap weights, String... prefixes) {
    TensorMap out = new TensorMap();
    for (String name : parameters(root).keySet()) {
      Tensor tensor = find(weights, name, prefixes);
      if (tensor == null) {
        throw new IllegalArgumentException("no weight for " + name);
      }
      out.put(name, tensor);
    }
    return out;
  }

  /**
   * Sets the gradient of every parameter under {@code root} that has one to zero. PyTorch adds each
   * backward pass's gradients to the previous ones, and DJL's collector does not clear ours.
   */
  public static void zeroGradients(Block root) {
    for (Parameter p : parameters(root).values()) {
      NDArray array = p.getArray();
      if (array != null && array.hasGradient()) {
        try (NDArray grad = array.getGradient()) {
          grad.subi(grad);
        }
      }
    }
  }

  /** The current values of every parameter under {@code root} as float32 tensors. */
  public static TensorMap export(Block root) {
    TensorMap out = new TensorMap();
    for (Map.Entry<String, Parameter> e : parameters(root).entrySet()) {
      NDArray array = e.getValue().getArray();
      out.put(e.getKey(), Tensor.ofFloats(array.getShape().getShape(), array.toFloatArray()));
    }
    return out;
  }
}
