package dev.finesynth.encoders.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finesynth.encoders.TinyModels;
import dev.finesynth.encoders.config.Architecture;
import dev.finesynth.encoders.config.DenseConfig;
import dev.finesynth.encoders.config.PoolingMode;
import dev.finesynth.encoders.config.SentenceConfig;
import dev.finesynth.encoders.config.TransformerConfig;
import dev.finesynth.encoders.model.DenseLayer;
import dev.finesynth.encoders.model.SentenceEmbedder;
import dev.finesynth.encoders.model.StateDict;
import dev.finesynth.encoders.weights.Safetensors;
import dev.finesynth.encoders.weights.Tensor;
import dev.finesynth.encoders.weights.TensorMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A tiny BERT sentence-transformers folder with random weights and a small WordPiece tokenizer,
 * written by the test: 2 layers, hidden 32, 4 heads, a vocabulary of the words {@link #triplets}
 * use.
 */
public final class TinyBert {
  private static final ObjectMapper JSON = new ObjectMapper();

  static final List<String> VOCAB =
      List.of(
          "[PAD]",
          "[UNK]",
          "[CLS]",
          "[SEP]",
          "[MASK]",
          "query",
          "passage",
          ":",
          "?",
          ".",
          ",",
          "the",
          "a",
          "is",
          "of",
          "in",
          "what",
          "how",
          "why",
          "where",
          "do",
          "does",
          "are",
          "to",
          "kafka",
          "topic",
          "partition",
          "log",
          "broker",
          "cat",
          "dog",
          "sky",
          "blue",
          "sun",
          "rain",
          "water",
          "ocean",
          "fish",
          "bird",
          "tree",
          "forest",
          "city",
          "paris",
          "france",
          "capital",
          "java",
          "code",
          "bug",
          "fix",
          "model",
          "train",
          "loss",
          "##s",
          "##ing",
          "##ed",
          "color",
          "animal",
          "sleeps",
          "swims",
          "flies",
          "ordered",
          "append",
          "only",
          "big",
          "small",
          "green");

  private TinyBert() {}

  /** Settings of the folder; the defaults are mean pooling, normalised, no Dense, no prefixes. */
  public record Spec(
      PoolingMode pooling,
      boolean normalize,
      int denseOut,
      String queryPrefix,
      String passagePrefix,
      long seed) {
    public static Spec defaults() {
      return new Spec(PoolingMode.MEAN, true, 0, "", "", 7);
    }

    public Spec withPooling(PoolingMode mode) {
      return new Spec(mode, normalize, denseOut, queryPrefix, passagePrefix, seed);
    }

    public Spec withNormalize(boolean normalize) {
      return new Spec(pooling, normalize, denseOut, queryPrefix, passagePrefix, seed);
    }

    public Spec withDense(int out) {
      return new Spec(pooling, normalize, out, queryPrefix, passagePrefix, seed);
    }

    public Spec withPrefixes(String query, String passage) {
      return new Spec(pooling, normalize, denseOut, query, passage, seed);
    }
  }

  public static TransformerConfig config() {
    TransformerConfig bert = TransformerConfig.bert(VOCAB.size(), 32, 2, 4, 64);
    return new TransformerConfig(
        bert.architecture(),
        bert.modelType(),
        bert.vocabSize(),
        bert.hiddenSize(),
        bert.numLayers(),
        bert.numHeads(),
        bert.intermediateSize(),
        64,
        2,
        bert.layerNormEps(),
        bert.hiddenAct(),
        bert.padTokenId(),
        bert.labels());
  }

  /** Writes the model into {@code folder} and returns it. */
  public static Path write(Path folder, Spec spec) {
    try {
      Files.createDirectories(folder);
      TransformerConfig config = config();
      SentenceConfig sentence =
          new SentenceConfig(spec.pooling(), spec.normalize(), List.of(), "", "");
      if (spec.denseOut() > 0) {
        sentence =
            sentence.withDense(List.of(DenseConfig.tanh(config.hiddenSize(), spec.denseOut())));
      }
      sentence = sentence.withPrefixes(spec.queryPrefix(), spec.passagePrefix());
      Random random = new Random(spec.seed());
      SentenceEmbedder shape = new SentenceEmbedder(config, sentence);
      Files.writeString(folder.resolve("config.json"), config.toJson("BertModel").toPrettyString());
      Safetensors.write(
          folder.resolve("model.safetensors"), randomWeights(shape.encoder(), random), Map.of());
      List<Path> denseDirs = sentence.write(folder, config.hiddenSize());
      List<DenseLayer> dense = shape.dense();
      for (int i = 0; i < dense.size(); i++) {
        Safetensors.write(
            denseDirs.get(i).resolve("model.safetensors"),
            randomWeights(dense.get(i), random),
            Map.of());
      }
      Files.writeString(folder.resolve("tokenizer.json"), tokenizerJson());
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static TensorMap randomWeights(ai.djl.nn.Block block, Random random) {
    TensorMap out = new TensorMap();
    StateDict.parameters(block)
        .forEach(
            (name, p) -> {
              long[] shape = p.getShape().getShape();
              float[] values = new float[(int) p.getShape().size()];
              boolean norm = name.contains("LayerNorm");
              for (int i = 0; i < values.length; i++) {
                double g = random.nextGaussian();
                values[i] =
                    (float)
                        (norm && name.endsWith("weight")
                            ? 1 + 0.1 * g
                            : name.endsWith("bias") ? 0.05 * g : 0.2 * g);
              }
              out.put(name, Tensor.ofFloats(shape, values));
            });
    return out;
  }

  /** A BERT WordPiece tokenizer.json over {@link #VOCAB}: lower-cased, [CLS] text [SEP]. */
  static String tokenizerJson() throws IOException {
    return TinyModels.tokenizerJson(Architecture.BERT, VOCAB);
  }

  /** Fixed triplets over the vocabulary, with margins a teacher might give. */
  public static List<MarginTriplet> triplets() {
    return List.of(
        new MarginTriplet("what is kafka", "kafka is a log", "the cat sleeps", 3.0f),
        new MarginTriplet("why is the sky blue", "the sky is blue", "fish swims", 2.5f),
        new MarginTriplet("where is paris", "paris is the capital of france", "the dog", 4.0f),
        new MarginTriplet("how do birds fly", "a bird flies", "java code bug", 1.5f),
        new MarginTriplet("what is a partition", "a topic partition is ordered", "rain", 2.0f),
        new MarginTriplet("how to fix a bug", "fix the bug in the code", "a green tree", 3.5f),
        new MarginTriplet("what is an ocean", "water of the ocean", "the broker", -0.5f),
        new MarginTriplet("big animal", "the dog is a big animal", "small city", 1.0f),
        new MarginTriplet("what color is the sun", "the sun is big", "ordered log", 0.5f),
        new MarginTriplet("train a model", "the model loss", "a blue bird", 2.2f));
  }
}
