package dev.finesynth.encoders.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.finesynth.encoders.model.LayerNorm;
import dev.finesynth.encoders.model.StateDict;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A weight the optimizer updates, by its Hugging Face name.
 *
 * @param decay whether weight decay applies: false for biases and LayerNorm weights, as
 *     transformers' Trainer and sentence-transformers exclude them
 */
public record TrainableParameter(String name, NDArray array, boolean decay) {

  /** The name suffix of the word-embedding table. */
  public static final String WORD_EMBEDDINGS = "embeddings.word_embeddings.weight";

  /** Every parameter under {@code root} that requires a gradient, in block order. */
  public static List<TrainableParameter> of(Block root) {
    Set<Parameter> noDecay = Collections.newSetFromMap(new IdentityHashMap<>());
    collectLayerNorms(root, noDecay);
    List<TrainableParameter> out = new ArrayList<>();
    for (Map.Entry<String, Parameter> e : StateDict.parameters(root).entrySet()) {
      Parameter p = e.getValue();
      if (!p.requiresGradient()) {
        continue;
      }
      String name = e.getKey();
      boolean decay = !noDecay.contains(p) && !name.equals("bias") && !name.endsWith(".bias");
      out.add(new TrainableParameter(name, p.getArray(), decay));
    }
    return out;
  }

  private static void collectLayerNorms(Block block, Set<Parameter> out) {
    if (block instanceof LayerNorm) {
      for (Pair<String, Parameter> p : block.getDirectParameters()) {
        out.add(p.getValue());
      }
    }
    for (Pair<String, Block> child : block.getChildren()) {
      collectLayerNorms(child.getValue(), out);
    }
  }
}
