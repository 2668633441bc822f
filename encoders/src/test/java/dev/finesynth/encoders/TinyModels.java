package dev.finesynth.encoders;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finesynth.encoders.config.Architecture;
import dev.finesynth.encoders.config.DenseConfig;
import dev.finesynth.encoders.config.HiddenAct;
import dev.finesynth.encoders.config.SentenceConfig;
import dev.finesynth.encoders.config.TransformerConfig;
import dev.finesynth.encoders.model.CrossScorer;
import dev.finesynth.encoders.model.SentenceEmbedder;
import dev.finesynth.encoders.model.StateDict;
import dev.finesynth.encoders.weights.Safetensors;
import dev.finesynth.encoders.weights.Tensor;
import dev.finesynth.encoders.weights.TensorMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Tiny random-weight models (hidden 32, 2 layers, 4 heads) written as Hugging Face folders, with a
 * WordPiece {@code tokenizer.json} built here. Public, with the test jar, for other modules'
 * end-to-end tests.
 */
public final class TinyModels {
  static final int HIDDEN = 32;
  static final int MAX_POSITIONS = 40;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> WORDS =
      List.of(
          "the",
          "of",
          "and",
          "to",
          "in",
          "is",
          "search",
          "query",
          "document",
          "kafka",
          "stream",
          "model",
          "train",
          "vector",
          "rank",
          "fast",
          "slow",
          "cat",
          "dog",
          "house",
          "city",
          "paris",
          "france",
          "capital",
          "what",
          "how",
          "why",
          "where",
          "who",
          "run",
          "walk",
          "read",
          "write",
          "book",
          "page",
          "word",
          "text",
          "data",
          "java",
          "code",
          "test",
          "##s",
          "##ing",
          "##ed",
          "##er",
          ".",
          ",",
          "?",
          "!");

  private TinyModels() {}

  static TransformerConfig config(Architecture arch) {
    List<String> specials = specials(arch);
    int vocab = specials.size() + 2 * 26 + WORDS.size();
    return switch (arch) {
      case BERT ->
          new TransformerConfig(
              arch,
              "bert",
              vocab,
              HIDDEN,
              2,
              4,
              64,
              MAX_POSITIONS,
              2,
              1e-12f,
              HiddenAct.GELU,
              0,
              List.of("LABEL_0"));
      case DISTILBERT ->
          new TransformerConfig(
              arch,
              "distilbert",
              vocab,
              HIDDEN,
              2,
              4,
              64,
              MAX_POSITIONS,
              0,
              1e-12f,
              HiddenAct.RELU,
              0,
              List.of("LABEL_0"));
      case ROBERTA ->
          new TransformerConfig(
              arch,
              "xlm-roberta",
              vocab,
              HIDDEN,
              2,
              4,
              64,
              MAX_POSITIONS + 2,
              1,
              1e-5f,
              HiddenAct.GELU_NEW,
              1,
              List.of("LABEL_0"));
    };
  }

  /** A sentence-transformers folder; the transformer's weights carry no prefix. */
  static Path biEncoder(Path dir, Architecture arch, SentenceConfig sentence, long seed)
      throws IOException {
    TransformerConfig config = config(arch);
    Random random = new Random(seed);
    SentenceEmbedder template = new SentenceEmbedder(config, sentence);
    Files.createDirectories(dir);
    Safetensors.write(
        dir.resolve("model.safetensors"), random(template.encoder(), random), Map.of());
    List<Path> denseDirs = sentence.write(dir, HIDDEN);
    for (int i = 0; i < denseDirs.size(); i++) {
      Safetensors.write(
          denseDirs.get(i).resolve("model.safetensors"),
          random(template.dense().get(i), random),
          Map.of());
    }
    writeCommon(dir, config, "Model");
    return dir;
  }

  /**
   * A random sentence-transformers bi-encoder: mean pooling, a Dense layer, query/passage prefixes.
   */
  public static Path biEncoder(Path dir, Architecture arch, long seed) throws IOException {
    return biEncoder(dir, arch, meanWithDense(), seed);
  }

  /** A {@code *ForSequenceClassification} folder: names with the base prefix, one label. */
  public static Path crossEncoder(Path dir, Architecture arch, long seed) throws IOException {
    TransformerConfig config = config(arch);
    Files.createDirectories(dir);
    TensorMap weights = random(new CrossScorer(config), new Random(seed));
    Safetensors.write(dir.resolve("model.safetensors"), weights, Map.of());
    writeCommon(dir, config, "ForSequenceClassification");
    return dir;
  }

  static SentenceConfig meanWithDense() {
    return new SentenceConfig(
        dev.finesynth.encoders.config.PoolingMode.MEAN,
        true,
        List.of(DenseConfig.tanh(HIDDEN, 16)),
        "query: ",
        "passage: ");
  }

  /** Random values for every parameter of {@code block}, by its Hugging Face names. */
  static TensorMap random(Block block, Random random) {
    TensorMap out = new TensorMap();
    for (Map.Entry<String, Parameter> e : StateDict.parameters(block).entrySet()) {
      long[] shape = e.getValue().getShape().getShape();
      int n = Math.toIntExact(e.getValue().getShape().size());
      float[] values = new float[n];
      boolean norm = e.getKey().contains("LayerNorm") || e.getKey().contains("layer_norm");
      for (int i = 0; i < n; i++) {
        float noise = (float) (random.nextGaussian() * 0.2);
        values[i] = norm && e.getKey().endsWith("weight") ? 1 + noise : noise;
      }
      out.put(e.getKey(), Tensor.ofFloats(shape, values));
    }
    return out;
  }

  private static void writeCommon(Path dir, TransformerConfig config, String classSuffix)
      throws IOException {
    String prefix =
        switch (config.architecture()) {
          case BERT -> "Bert";
          case DISTILBERT -> "DistilBert";
          case ROBERTA -> "XLMRoberta";
        };
    Files.writeString(
        dir.resolve("config.json"), JSON.writeValueAsString(config.toJson(prefix + classSuffix)));
    writeTokenizer(dir.resolve("tokenizer.json"), config.architecture());
  }

  private static List<String> specials(Architecture arch) {
    return arch == Architecture.ROBERTA
        ? List.of("<s>", "<pad>", "</s>", "<unk>")
        : List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]");
  }

  /** A lower-casing WordPiece tokenizer over letters and a few words, with the model's template. */
  static void writeTokenizer(Path file, Architecture arch) throws IOException {
    List<String> vocab = new ArrayList<>(specials(arch));
    for (char c = 'a'; c <= 'z'; c++) {
      vocab.add(String.valueOf(c));
      vocab.add("##" + c);
    }
    vocab.addAll(WORDS);
    Files.writeString(file, tokenizerJson(arch, vocab));
  }

  /**
   * A lower-casing WordPiece tokenizer.json over {@code vocab} (which holds the architecture's
   * special tokens), with the model's single and pair templates.
   */
  public static String tokenizerJson(Architecture arch, List<String> vocab) throws IOException {
    List<String> specials = specials(arch);
    boolean roberta = arch == Architecture.ROBERTA;
    String cls = roberta ? "<s>" : "[CLS]";
    String sep = roberta ? "</s>" : "[SEP]";
    String unk = roberta ? "<unk>" : "[UNK]";
    ObjectNode root = JSON.createObjectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    ArrayNode added = root.putArray("added_tokens");
    for (String s : specials) {
      ObjectNode t = added.addObject();
      t.put("id", vocab.indexOf(s));
      t.put("content", s);
      t.put("single_word", false);
      t.put("lstrip", false);
      t.put("rstrip", false);
      t.put("normalized", false);
      t.put("special", true);
    }
    ObjectNode normalizer = root.putObject("normalizer");
    normalizer.put("type", "BertNormalizer");
    normalizer.put("clean_text", true);
    normalizer.put("handle_chinese_chars", true);
    normalizer.putNull("strip_accents");
    normalizer.put("lowercase", true);
    root.putObject("pre_tokenizer").put("type", "BertPreTokenizer");
    ObjectNode post = root.putObject("post_processor");
    post.put("type", "TemplateProcessing");
    ArrayNode single = post.putArray("single");
    special(single, cls, 0);
    sequence(single, "A", 0);
    special(single, sep, 0);
    ArrayNode pair = post.putArray("pair");
    special(pair, cls, 0);
    sequence(pair, "A", 0);
    special(pair, sep, 0);
    int second = roberta ? 0 : 1;
    if (roberta) {
      special(pair, sep, 0);
    }
    sequence(pair, "B", second);
    special(pair, sep, second);
    ObjectNode specialTokens = post.putObject("special_tokens");
    for (String s : List.of(cls, sep)) {
      ObjectNode t = specialTokens.putObject(s);
      t.put("id", s);
      t.putArray("ids").add(vocab.indexOf(s));
      t.putArray("tokens").add(s);
    }
    ObjectNode decoder = root.putObject("decoder");
    decoder.put("type", "WordPiece");
    decoder.put("prefix", "##");
    decoder.put("cleanup", true);
    ObjectNode model = root.putObject("model");
    model.put("type", "WordPiece");
    model.put("unk_token", unk);
    model.put("continuing_subword_prefix", "##");
    model.put("max_input_chars_per_word", 100);
    ObjectNode ids = model.putObject("vocab");
    for (int i = 0; i < vocab.size(); i++) {
      ids.put(vocab.get(i), i);
    }
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }

  private static void special(ArrayNode template, String token, int typeId) {
    ObjectNode t = template.addObject().putObject("SpecialToken");
    t.put("id", token);
    t.put("type_id", typeId);
  }

  private static void sequence(ArrayNode template, String id, int typeId) {
    ObjectNode t = template.addObject().putObject("Sequence");
    t.put("id", id);
    t.put("type_id", typeId);
  }
}
