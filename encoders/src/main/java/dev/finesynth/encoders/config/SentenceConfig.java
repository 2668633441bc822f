package dev.finesynth.encoders.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finesynth.contracts.paths.PathSegments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a sentence-transformers folder says happens after the transformer: pooling, optional Dense
 * modules, optional L2 normalisation, and the prefixes put before queries and passages.
 */
public record SentenceConfig(
    PoolingMode pooling,
    boolean normalize,
    List<DenseConfig> dense,
    String queryPrefix,
    String passagePrefix) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TRANSFORMER = "sentence_transformers.models.Transformer";
  private static final String POOLING = "sentence_transformers.models.Pooling";
  private static final String DENSE = "sentence_transformers.models.Dense";
  private static final String NORMALIZE = "sentence_transformers.models.Normalize";

  public SentenceConfig {
    dense = List.copyOf(dense);
    queryPrefix = queryPrefix == null ? "" : queryPrefix;
    passagePrefix = passagePrefix == null ? "" : passagePrefix;
  }

  public static SentenceConfig of(PoolingMode pooling, boolean normalize) {
    return new SentenceConfig(pooling, normalize, List.of(), "", "");
  }

  public SentenceConfig withPrefixes(String query, String passage) {
    return new SentenceConfig(pooling, normalize, dense, query, passage);
  }

  public SentenceConfig withDense(List<DenseConfig> layers) {
    return new SentenceConfig(pooling, normalize, layers, queryPrefix, passagePrefix);
  }

  /**
   * Reads {@code modules.json}, the pooling and Dense configs and {@code
   * config_sentence_transformers.json} (prompts) of a sentence-transformers folder. A folder
   * without {@code modules.json} (a plain Hugging Face model) gets mean pooling without
   * normalisation, the sentence-transformers default.
   */
  public static SentenceConfig read(Path folder) {
    PoolingMode pooling = PoolingMode.MEAN;
    boolean normalize = false;
    List<DenseConfig> dense = new ArrayList<>();
    for (JsonNode module : modules(folder)) {
      String type = module.path("type").asText();
      Path dir = moduleFolder(folder, module.path("path").asText(""));
      if (type.equals(POOLING)) {
        pooling = poolingMode(readJson(dir.resolve("config.json")));
      } else if (type.equals(DENSE)) {
        JsonNode c = readJson(dir.resolve("config.json"));
        dense.add(
            new DenseConfig(
                c.path("in_features").asInt(),
                c.path("out_features").asInt(),
                c.path("bias").asBoolean(true),
                DenseConfig.simpleName(
                    c.path("activation_function").asText("torch.nn.modules.activation.Tanh"))));
      } else if (type.equals(NORMALIZE)) {
        normalize = true;
      }
    }
    String query = "";
    String passage = "";
    Path stConfig = folder.resolve("config_sentence_transformers.json");
    if (Files.exists(stConfig)) {
      JsonNode prompts = readJson(stConfig).path("prompts");
      query = prompts.path("query").asText("");
      passage = prompts.path("passage").asText(prompts.path("document").asText(""));
    }
    return new SentenceConfig(pooling, normalize, dense, query, passage);
  }

  /**
   * The folder of a module that {@code modules.json} places at {@code path} ({@code ""}: the model
   * folder itself). A downloaded {@code modules.json} is not trusted to stay in its folder: a path
   * that is absolute or leads out of it ({@code ../other}) is refused.
   */
  public static Path moduleFolder(Path folder, String path) {
    if (path.isEmpty() || path.equals(".")) {
      return folder;
    }
    return PathSegments.inside(folder, "modules.json path '" + path + "'", folder.resolve(path));
  }

  /** The folders of the modules of {@code folder} whose type is Transformer (usually the root). */
  public static Path transformerFolder(Path folder) {
    for (JsonNode module : modules(folder)) {
      if (module.path("type").asText().equals(TRANSFORMER)) {
        return moduleFolder(folder, module.path("path").asText(""));
      }
    }
    return folder;
  }

  /** The folders of the Dense modules of {@code folder}, in pipeline order. */
  public static List<Path> denseFolders(Path folder) {
    List<Path> dirs = new ArrayList<>();
    for (JsonNode module : modules(folder)) {
      if (module.path("type").asText().equals(DENSE)) {
        dirs.add(moduleFolder(folder, module.path("path").asText()));
      }
    }
    return dirs;
  }

  /**
   * Writes {@code modules.json}, {@code 1_Pooling/config.json}, each {@code 2_Dense/config.json}
   * (weights are the caller's) and the prompts into {@code folder}.
   *
   * @return the Dense module folders written, in order, for the caller to put weights in
   */
  public List<Path> write(Path folder, int embeddingDimension) {
    ArrayNode modules = JSON.createArrayNode();
    addModule(modules, "", TRANSFORMER);
    addModule(modules, "1_Pooling", POOLING);
    ObjectNode poolingJson = JSON.createObjectNode();
    poolingJson.put("word_embedding_dimension", embeddingDimension);
    poolingJson.put("pooling_mode_cls_token", pooling == PoolingMode.CLS);
    poolingJson.put("pooling_mode_mean_tokens", pooling == PoolingMode.MEAN);
    poolingJson.put("pooling_mode_max_tokens", pooling == PoolingMode.MAX);
    poolingJson.put("pooling_mode_mean_sqrt_len_tokens", false);
    writeJson(folder.resolve("1_Pooling/config.json"), poolingJson);
    List<Path> denseDirs = new ArrayList<>();
    for (int i = 0; i < dense.size(); i++) {
      String name = (i + 2) + "_Dense";
      addModule(modules, name, DENSE);
      DenseConfig d = dense.get(i);
      ObjectNode denseJson = JSON.createObjectNode();
      denseJson.put("in_features", d.inFeatures());
      denseJson.put("out_features", d.outFeatures());
      denseJson.put("bias", d.bias());
      denseJson.put("activation_function", d.activationFunction());
      writeJson(folder.resolve(name).resolve("config.json"), denseJson);
      denseDirs.add(folder.resolve(name));
    }
    if (normalize) {
      addModule(modules, (dense.size() + 2) + "_Normalize", NORMALIZE);
    }
    writeJson(folder.resolve("modules.json"), modules);
    ObjectNode st = JSON.createObjectNode();
    ObjectNode prompts = st.putObject("prompts");
    prompts.put("query", queryPrefix);
    prompts.put("passage", passagePrefix);
    writeJson(folder.resolve("config_sentence_transformers.json"), st);
    return denseDirs;
  }

  private static void addModule(ArrayNode modules, String path, String type) {
    ObjectNode module = modules.addObject();
    module.put("idx", modules.size() - 1);
    module.put("name", Integer.toString(modules.size() - 1));
    module.put("path", path);
    module.put("type", type);
  }

  private static PoolingMode poolingMode(JsonNode c) {
    if (c.path("pooling_mode_cls_token").asBoolean(false)) {
      return PoolingMode.CLS;
    }
    if (c.path("pooling_mode_max_tokens").asBoolean(false)) {
      return PoolingMode.MAX;
    }
    if (c.path("pooling_mode_mean_tokens").asBoolean(false)) {
      return PoolingMode.MEAN;
    }
    throw new IllegalArgumentException("unsupported pooling config: " + c);
  }

  private static List<JsonNode> modules(Path folder) {
    Path file = folder.resolve("modules.json");
    List<JsonNode> modules = new ArrayList<>();
    if (Files.exists(file)) {
      readJson(file).forEach(modules::add);
    }
    return modules;
  }

  private static JsonNode readJson(Path file) {
    try {
      return JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void writeJson(Path file, JsonNode json) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
