package dev.finesynth.encoders.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finesynth.contracts.paths.PathSegments;
import dev.finesynth.contracts.paths.UnsafePathException;
import dev.finesynth.encoders.catalog.PoolingMode;
import dev.finesynth.encoders.config.SentenceConfig;
import dev.finesynth.encoders.export.SentenceTransformersLayout.Dense;
import dev.finesynth.encoders.export.SentenceTransformersLayout.Module;
import dev.finesynth.encoders.weights.Safetensors;
import dev.finesynth.encoders.weights.TensorMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the metadata of a sentence-transformers model folder and writes such folders, in the form
 * {@code SentenceTransformer(path)} (sentence-transformers 3 and later) loads.
 */
public final class SentenceTransformersFolder {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Written into config_sentence_transformers.json as the versions the folder is meant for. */
  static final String ST_VERSION = "3.0.1";

  static final String TRANSFORMERS_VERSION = "4.41.2";
  static final String PYTORCH_VERSION = "2.3.0";

  private SentenceTransformersFolder() {}

  // ---------------------------------------------------------------- reading

  /** The layout of {@code folder}; files it lacks get sentence-transformers' defaults. */
  public static SentenceTransformersLayout read(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException("no model folder at " + folder);
    }
    List<Module> modules = readModules(folder);
    Set<PoolingMode> pooling = EnumSet.noneOf(PoolingMode.class);
    int dimension = 0;
    boolean includePrompt = true;
    List<Dense> dense = new ArrayList<>();
    boolean normalize = false;
    for (Module module : modules) {
      Path dir = SentenceConfig.moduleFolder(folder, module.path());
      switch (module.type()) {
        case SentenceTransformersLayout.POOLING -> {
          // a synthesised module (path "") or a folder missing its pooling config: mean pooling
          JsonNode config =
              module.path().isEmpty() ? null : readJson(dir.resolve("config.json"), null);
          if (config == null) {
            pooling.add(PoolingMode.MEAN);
          } else {
            for (PoolingMode mode : PoolingMode.values()) {
              if (config.path(mode.configKey()).asBoolean(false)) {
                pooling.add(mode);
              }
            }
            dimension = config.path("word_embedding_dimension").asInt(0);
            includePrompt = config.path("include_prompt").asBoolean(true);
          }
        }
        case SentenceTransformersLayout.DENSE -> dense.add(readDense(dir, module.path()));
        case SentenceTransformersLayout.NORMALIZE -> normalize = true;
        default -> {
          // the Transformer, or a module this library does not run: kept in the module list
        }
      }
    }
    JsonNode bert = readJson(folder.resolve("sentence_bert_config.json"), null);
    Integer maxSeqLength =
        bert != null && bert.path("max_seq_length").isNumber()
            ? bert.path("max_seq_length").asInt()
            : null;
    boolean doLowerCase = bert != null && bert.path("do_lower_case").asBoolean(false);
    JsonNode st = readJson(folder.resolve("config_sentence_transformers.json"), null);
    Map<String, String> prompts = new LinkedHashMap<>();
    String defaultPrompt = null;
    if (st != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = st.path("prompts").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        prompts.put(e.getKey(), e.getValue().asText());
      }
      defaultPrompt =
          st.path("default_prompt_name").isTextual()
              ? st.path("default_prompt_name").asText()
              : null;
    }
    return new SentenceTransformersLayout(
        modules,
        pooling,
        dimension,
        includePrompt,
        dense,
        normalize,
        maxSeqLength,
        doLowerCase,
        prompts,
        defaultPrompt);
  }

  /** The weights of a Dense module ({@code linear.weight}, {@code linear.bias}). */
  public static TensorMap readDenseWeights(Path folder, Dense dense) {
    Path dir = SentenceConfig.moduleFolder(folder, dense.path());
    Path safetensors = dir.resolve("model.safetensors");
    if (Files.isRegularFile(safetensors)) {
      return Safetensors.read(safetensors);
    }
    if (Files.isRegularFile(dir.resolve("pytorch_model.bin"))) {
      throw new IllegalArgumentException(
          "the Dense module in "
              + dir
              + " has only PyTorch pickle weights (pytorch_model.bin); only safetensors is"
              + " supported");
    }
    throw new IllegalArgumentException("the Dense module in " + dir + " has no model.safetensors");
  }

  private static List<Module> readModules(Path folder) {
    JsonNode json = readJson(folder.resolve("modules.json"), null);
    List<Module> modules = new ArrayList<>();
    if (json == null) {
      modules.add(new Module(0, "0", "", SentenceTransformersLayout.TRANSFORMER));
      modules.add(new Module(1, "1", "", SentenceTransformersLayout.POOLING));
      return modules;
    }
    if (!json.isArray()) {
      throw new IllegalArgumentException(folder.resolve("modules.json") + " is not a JSON array");
    }
    for (JsonNode m : json) {
      modules.add(
          new Module(
              m.path("idx").asInt(modules.size()),
              m.path("name").asText(Integer.toString(modules.size())),
              m.path("path").asText(""),
              m.path("type").asText("")));
    }
    modules.sort((a, b) -> Integer.compare(a.idx(), b.idx()));
    return modules;
  }

  private static Dense readDense(Path dir, String path) {
    JsonNode config = readJson(dir.resolve("config.json"), null);
    if (config == null) {
      throw new IllegalArgumentException("the Dense module in " + dir + " has no config.json");
    }
    return new Dense(
        path,
        config.path("in_features").asInt(),
        config.path("out_features").asInt(),
        config.path("bias").asBoolean(true),
        config.path("activation_function").asText(Dense.TANH));
  }

  private static JsonNode readJson(Path file, JsonNode fallback) {
    if (!Files.isRegularFile(file)) {
      return fallback;
    }
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------- writing

  /**
   * Starts a folder from the transformer's weights (Hugging Face names), its config.json text and
   * its tokenizer.json.
   */
  public static Writer writer(TensorMap transformer, String configJson, Path tokenizerJson) {
    return new Writer(transformer, configJson, tokenizerJson);
  }

  /** Collects what goes into a folder; {@link #write(Path)} writes it. */
  public static final class Writer {
    private final TensorMap transformer;
    private final String configJson;
    private final Path tokenizerJson;
    private PoolingMode pooling = PoolingMode.MEAN;
    private boolean normalize;
    private final List<Dense> dense = new ArrayList<>();
    private final List<TensorMap> denseWeights = new ArrayList<>();
    private final Map<String, String> prompts = new TreeMap<>();
    private String defaultPromptName;
    private int maxSeqLength = 512;
    private boolean doLowerCase;
    private Path tokenizerConfig;
    private String similarityFunction = "cosine";
    private final Map<String, Path> extraFiles = new TreeMap<>();

    private Writer(TensorMap transformer, String configJson, Path tokenizerJson) {
      this.transformer = Objects.requireNonNull(transformer);
      this.configJson = Objects.requireNonNull(configJson);
      this.tokenizerJson = Objects.requireNonNull(tokenizerJson);
    }

    public Writer optPooling(PoolingMode mode) {
      this.pooling = Objects.requireNonNull(mode);
      return this;
    }

    public Writer optNormalize(boolean normalize) {
      this.normalize = normalize;
      return this;
    }

    /**
     * Adds a Dense module after pooling; {@code weights} holds {@code linear.weight} [out, in] and,
     * with a bias, {@code linear.bias} [out]. Its path is set from its place in the pipeline.
     */
    public Writer addDense(
        int inFeatures,
        int outFeatures,
        boolean bias,
        String activationFunction,
        TensorMap weights) {
      dense.add(new Dense("", inFeatures, outFeatures, bias, activationFunction));
      denseWeights.add(Objects.requireNonNull(weights));
      return this;
    }

    /** Prompts by name, e.g. {@code query -> "query: "}. */
    public Writer optPrompts(Map<String, String> prompts) {
      this.prompts.putAll(prompts);
      return this;
    }

    public Writer optDefaultPromptName(String name) {
      this.defaultPromptName = name;
      return this;
    }

    public Writer optMaxSeqLength(int maxSeqLength) {
      this.maxSeqLength = maxSeqLength;
      return this;
    }

    public Writer optDoLowerCase(boolean doLowerCase) {
      this.doLowerCase = doLowerCase;
      return this;
    }

    /** A tokenizer_config.json to start from; do_lower_case and model_max_length are set on it. */
    public Writer optTokenizerConfig(Path tokenizerConfigJson) {
      this.tokenizerConfig = tokenizerConfigJson;
      return this;
    }

    /** {@code cosine} (the default), {@code dot}, {@code euclidean} or {@code manhattan}. */
    public Writer optSimilarityFunction(String name) {
      this.similarityFunction = Objects.requireNonNull(name);
      return this;
    }

    /**
     * Copies another file into the folder, e.g. special_tokens_map.json or vocab.txt; {@code
     * relativePath} is segments joined by '/', never a path out of the folder.
     */
    public Writer addFile(String relativePath, Path source) {
      Optional<String> problem = PathSegments.relativeProblem(relativePath);
      if (problem.isPresent()) {
        throw new UnsafePathException("file", problem.get());
      }
      extraFiles.put(relativePath, source);
      return this;
    }

    /**
     * Writes the folder (created if needed; files of the same names are replaced) and returns its
     * layout as {@link SentenceTransformersFolder#read} will see it.
     */
    public SentenceTransformersLayout write(Path folder) {
      try {
        Files.createDirectories(folder);
        ObjectNode config = (ObjectNode) JSON.readTree(configJson);
        int hidden = hiddenSize(config);
        writeJson(folder.resolve("config.json"), config);
        Safetensors.write(folder.resolve("model.safetensors"), transformer, Map.of("format", "pt"));
        writeTokenizer(folder.resolve("tokenizer.json"));
        writeJson(folder.resolve("tokenizer_config.json"), tokenizerConfig());
        for (Map.Entry<String, Path> extra : extraFiles.entrySet()) {
          Path target = PathSegments.relative(folder, "file", extra.getKey());
          Files.createDirectories(target.getParent());
          Files.copy(extra.getValue(), target, StandardCopyOption.REPLACE_EXISTING);
        }

        List<Module> modules = new ArrayList<>();
        modules.add(new Module(0, "0", "", SentenceTransformersLayout.TRANSFORMER));
        modules.add(new Module(1, "1", "1_Pooling", SentenceTransformersLayout.POOLING));
        writeJson(folder.resolve("1_Pooling/config.json"), poolingConfig(hidden));
        List<Dense> written = new ArrayList<>();
        for (int i = 0; i < dense.size(); i++) {
          int idx = modules.size();
          Dense d = dense.get(i);
          Dense placed =
              new Dense(
                  idx + "_Dense",
                  d.inFeatures(),
                  d.outFeatures(),
                  d.bias(),
                  d.activationFunction());
          modules.add(
              new Module(
                  idx, Integer.toString(idx), placed.path(), SentenceTransformersLayout.DENSE));
          ObjectNode denseConfig = JSON.createObjectNode();
          denseConfig.put("in_features", placed.inFeatures());
          denseConfig.put("out_features", placed.outFeatures());
          denseConfig.put("bias", placed.bias());
          denseConfig.put("activation_function", placed.activationFunction());
          writeJson(folder.resolve(placed.path()).resolve("config.json"), denseConfig);
          Safetensors.write(
              folder.resolve(placed.path()).resolve("model.safetensors"),
              denseWeights.get(i),
              Map.of("format", "pt"));
          written.add(placed);
        }
        if (normalize) {
          int idx = modules.size();
          String path = idx + "_Normalize";
          modules.add(
              new Module(idx, Integer.toString(idx), path, SentenceTransformersLayout.NORMALIZE));
          Files.createDirectories(folder.resolve(path));
        }
        ArrayNode modulesJson = JSON.createArrayNode();
        for (Module m : modules) {
          modulesJson
              .addObject()
              .put("idx", m.idx())
              .put("name", m.name())
              .put("path", m.path())
              .put("type", m.type());
        }
        writeJson(folder.resolve("modules.json"), modulesJson);

        ObjectNode bert = JSON.createObjectNode();
        bert.put("max_seq_length", maxSeqLength);
        bert.put("do_lower_case", doLowerCase);
        writeJson(folder.resolve("sentence_bert_config.json"), bert);
        writeJson(folder.resolve("config_sentence_transformers.json"), stConfig());

        return new SentenceTransformersLayout(
            modules,
            Set.of(pooling),
            hidden,
            true,
            written,
            normalize,
            maxSeqLength,
            doLowerCase,
            prompts,
            defaultPromptName);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot write a sentence-transformers folder at " + folder, e);
      }
    }

    private ObjectNode poolingConfig(int hidden) {
      ObjectNode node = JSON.createObjectNode();
      node.put("word_embedding_dimension", hidden);
      for (PoolingMode mode : PoolingMode.values()) {
        node.put(mode.configKey(), mode == pooling);
      }
      node.put("include_prompt", true);
      return node;
    }

    private ObjectNode stConfig() {
      ObjectNode node = JSON.createObjectNode();
      ObjectNode version = node.putObject("__version__");
      version.put("sentence_transformers", ST_VERSION);
      version.put("transformers", TRANSFORMERS_VERSION);
      version.put("pytorch", PYTORCH_VERSION);
      ObjectNode promptsNode = node.putObject("prompts");
      prompts.forEach(promptsNode::put);
      if (defaultPromptName == null) {
        node.putNull("default_prompt_name");
      } else {
        node.put("default_prompt_name", defaultPromptName);
      }
      node.put("similarity_fn_name", similarityFunction);
      return node;
    }

    private ObjectNode tokenizerConfig() throws IOException {
      ObjectNode node =
          tokenizerConfig == null
              ? JSON.createObjectNode()
              : (ObjectNode) JSON.readTree(tokenizerConfig.toFile());
      node.put("do_lower_case", doLowerCase);
      node.put("model_max_length", maxSeqLength);
      return node;
    }

    /**
     * Copies tokenizer.json, dropping a fixed padding or truncation baked into it: the length is a
     * runtime setting that sentence-transformers applies from max_seq_length.
     */
    private void writeTokenizer(Path target) throws IOException {
      JsonNode tokenizer = JSON.readTree(tokenizerJson.toFile());
      if (tokenizer instanceof ObjectNode object
          && (object.hasNonNull("padding") || object.hasNonNull("truncation"))) {
        object.putNull("padding");
        object.putNull("truncation");
        writeJson(target, object, false);
      } else {
        copy(tokenizerJson, target);
      }
    }
  }

  static int hiddenSize(JsonNode config) {
    for (String key : List.of("hidden_size", "dim", "d_model")) {
      if (config.path(key).isNumber()) {
        return config.path(key).asInt();
      }
    }
    throw new IllegalArgumentException("config.json has no hidden_size (nor dim, d_model)");
  }

  private static void writeJson(Path file, JsonNode node) throws IOException {
    writeJson(file, node, true);
  }

  private static void writeJson(Path file, JsonNode node, boolean indent) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling("." + file.getFileName() + "." + System.nanoTime() + ".tmp");
    try {
      byte[] bytes =
          indent
              ? JSON.writeValueAsBytes(node)
              : JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(node);
      Files.write(tmp, bytes);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void copy(Path source, Path target) throws IOException {
    if (source.toAbsolutePath().normalize().equals(target.toAbsolutePath().normalize())) {
      return;
    }
    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
  }
}
