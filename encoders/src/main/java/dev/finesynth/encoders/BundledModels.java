package dev.finesynth.encoders;

import dev.finesynth.encoders.config.PoolingMode;
import dev.finesynth.encoders.config.SentenceConfig;
import dev.finesynth.encoders.config.TransformerConfig;
import dev.finesynth.encoders.weights.OnnxWeightReader;
import dev.finesynth.encoders.weights.TensorMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The pretrained encoders that ship inside jars on the classpath (the langchain4j embedding
 * artifacts carry an ONNX export and a {@code tokenizer.json} each). Their files are copied once to
 * a cache folder ({@code -Dfinesynth.cache}, else {@code $FINESYNTH_CACHE}, else {@code
 * ~/.cache/finesynth}) under {@code bundled/<name>/}, because the tokenizer and ONNX Runtime read
 * files.
 */
public final class BundledModels {

  /** One bundled model: where its files are on the classpath and what its model card prescribes. */
  public record Entry(
      String name, String resourceStem, int numHeads, int maxLength, SentenceConfig sentence) {}

  private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

  static {
    add(
        new Entry(
            "all-minilm-l6-v2",
            "all-minilm-l6-v2",
            12,
            256,
            SentenceConfig.of(PoolingMode.MEAN, true)));
    add(
        new Entry(
            "bge-small-en-v1.5",
            "bge-small-en-v1.5",
            12,
            512,
            SentenceConfig.of(PoolingMode.CLS, true)
                .withPrefixes("Represent this sentence for searching relevant passages: ", "")));
    add(
        new Entry(
            "e5-small-v2",
            "e5-small-v2",
            12,
            512,
            SentenceConfig.of(PoolingMode.MEAN, true).withPrefixes("query: ", "passage: ")));
  }

  private static void add(Entry entry) {
    ENTRIES.put(entry.name(), entry);
  }

  private BundledModels() {}

  /** The names of the bundled models whose jars are on the classpath. */
  public static List<String> names() {
    return ENTRIES.values().stream()
        .filter(e -> resource(e.resourceStem() + ".onnx") != null)
        .map(Entry::name)
        .toList();
  }

  public static Entry entry(String name) {
    Entry entry = ENTRIES.get(name);
    if (entry == null || resource(entry.resourceStem() + ".onnx") == null) {
      throw new NoSuchElementException("no bundled model " + name + "; have " + names());
    }
    return entry;
  }

  public static BiEncoder load(String name, EncoderOptions options) {
    return BiEncoder.create(source(name), options);
  }

  /**
   * A cross-encoder on a bundled model's transformer, its classification head initialised at random
   * (a starting point for training a reranker, or for measuring speed).
   */
  public static CrossEncoder loadCross(String name, EncoderOptions options) {
    return CrossEncoder.create(source(name), options);
  }

  /** The model's ONNX file, copied to the cache folder. */
  public static Path onnxFile(String name) {
    return extract(entry(name), ".onnx", "model.onnx");
  }

  /** The model's {@code tokenizer.json}, copied to the cache folder. */
  public static Path tokenizerJson(String name) {
    return extract(entry(name), "-tokenizer.json", "tokenizer.json");
  }

  /** Config, weights (read from the ONNX file) and files of a bundled model. */
  public static ModelSource source(String name) {
    Entry entry = entry(name);
    Path onnx = onnxFile(name);
    TensorMap weights = OnnxWeightReader.read(onnx);
    return new ModelSource(
        name,
        configFromWeights(weights, entry.numHeads()),
        entry.sentence(),
        weights,
        List.of(),
        tokenizerJson(name),
        onnx,
        entry.maxLength());
  }

  /** A BERT config whose sizes are read off the weights; the head count is not in them. */
  static TransformerConfig configFromWeights(TensorMap w, int numHeads) {
    long[] words = w.get("embeddings.word_embeddings.weight").shape();
    int layers = 0;
    while (w.contains("encoder.layer." + layers + ".attention.self.query.weight")) {
      layers++;
    }
    int intermediate = (int) w.get("encoder.layer.0.intermediate.dense.weight").shape()[0];
    TransformerConfig bert =
        TransformerConfig.bert((int) words[0], (int) words[1], layers, numHeads, intermediate);
    int positions = (int) w.get("embeddings.position_embeddings.weight").shape()[0];
    int types = (int) w.get("embeddings.token_type_embeddings.weight").shape()[0];
    return new TransformerConfig(
        bert.architecture(),
        bert.modelType(),
        bert.vocabSize(),
        bert.hiddenSize(),
        bert.numLayers(),
        bert.numHeads(),
        bert.intermediateSize(),
        positions,
        types,
        bert.layerNormEps(),
        bert.hiddenAct(),
        bert.padTokenId(),
        bert.labels());
  }

  private static URL resource(String path) {
    return BundledModels.class.getClassLoader().getResource(path);
  }

  private static Path extract(Entry entry, String suffix, String fileName) {
    URL url = resource(entry.resourceStem() + suffix);
    if (url == null) {
      throw new NoSuchElementException("no resource " + entry.resourceStem() + suffix);
    }
    Path target = cacheDir().resolve("bundled").resolve(entry.name()).resolve(fileName);
    try {
      long size = url.openConnection().getContentLengthLong();
      if (Files.exists(target) && (size < 0 || Files.size(target) == size)) {
        return target;
      }
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), fileName, ".part");
      try (InputStream in = url.openStream()) {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + url + " to " + target, e);
    }
  }

  static Path cacheDir() {
    String dir = System.getProperty("finesynth.cache");
    if (dir == null || dir.isBlank()) {
      dir = System.getenv("FINESYNTH_CACHE");
    }
    if (dir == null || dir.isBlank()) {
      return Path.of(System.getProperty("user.home"), ".cache", "finesynth");
    }
    return Path.of(dir);
  }
}
