package dev.finesynth.encoders.weights;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Weights by name, in insertion order. Names follow the Hugging Face PyTorch state dict of the
 * model (for example {@code encoder.layer.0.attention.self.query.weight}, Linear weights as [out,
 * in]), whatever file they came from.
 */
public final class TensorMap {
  private final Map<String, Tensor> tensors = new LinkedHashMap<>();

  public TensorMap put(String name, Tensor tensor) {
    tensors.put(name, tensor);
    return this;
  }

  public Tensor get(String name) {
    Tensor tensor = tensors.get(name);
    if (tensor == null) {
      throw new NoSuchElementException(
          "no weight named '" + name + "' (have " + tensors.size() + ")");
    }
    return tensor;
  }

  public boolean contains(String name) {
    return tensors.containsKey(name);
  }

  public Set<String> names() {
    return Collections.unmodifiableSet(tensors.keySet());
  }

  public Map<String, Tensor> asMap() {
    return Collections.unmodifiableMap(tensors);
  }

  public int size() {
    return tensors.size();
  }
}
