package dev.finesynth.encoders.export;

import dev.finesynth.encoders.catalog.PoolingMode;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a sentence-transformers folder says about its model, besides the weights.
 *
 * @param modules the pipeline in order, as modules.json lists it (synthesised as Transformer + mean
 *     Pooling, as sentence-transformers does, when the folder has no modules.json)
 * @param pooling the pooling flags that are set; several means their outputs are concatenated;
 *     empty without a Pooling module
 * @param wordEmbeddingDimension the Pooling module's input width, 0 when unknown
 * @param dense the Dense modules in pipeline order
 * @param normalize whether a Normalize module ends the pipeline
 * @param maxSeqLength from sentence_bert_config.json, null when absent
 * @param doLowerCase from sentence_bert_config.json, false when absent
 * @param prompts from config_sentence_transformers.json, e.g. {@code query -> "query: "}
 * @param defaultPromptName null when none
 */
public record SentenceTransformersLayout(
    List<Module> modules,
    Set<PoolingMode> pooling,
    int wordEmbeddingDimension,
    boolean includePrompt,
    List<Dense> dense,
    boolean normalize,
    Integer maxSeqLength,
    boolean doLowerCase,
    Map<String, String> prompts,
    String defaultPromptName) {

  public static final String TRANSFORMER = "sentence_transformers.models.Transformer";
  public static final String POOLING = "sentence_transformers.models.Pooling";
  public static final String DENSE = "sentence_transformers.models.Dense";
  public static final String NORMALIZE = "sentence_transformers.models.Normalize";

  /** One entry of modules.json; {@code path} is relative to the folder ("" for the root). */
  public record Module(int idx, String name, String path, String type) {}

  /**
   * A Dense module: {@code y = activation(W x + b)}, weights in {@code <path>/model.safetensors} as
   * {@code linear.weight} [out, in] and {@code linear.bias} [out].
   *
   * @param activationFunction the torch class, e.g. {@code torch.nn.modules.activation.Tanh}
   */
  public record Dense(
      String path, int inFeatures, int outFeatures, boolean bias, String activationFunction) {
    public static final String IDENTITY = "torch.nn.modules.linear.Identity";
    public static final String TANH = "torch.nn.modules.activation.Tanh";
  }

  public SentenceTransformersLayout {
    modules = List.copyOf(modules);
    EnumSet<PoolingMode> modes = EnumSet.noneOf(PoolingMode.class);
    modes.addAll(pooling);
    pooling = Collections.unmodifiableSet(modes);
    dense = List.copyOf(dense);
    prompts = Map.copyOf(prompts);
  }

  /** The single pooling mode, when exactly one flag is set. */
  public Optional<PoolingMode> singlePooling() {
    return pooling.size() == 1 ? Optional.of(pooling.iterator().next()) : Optional.empty();
  }
}
