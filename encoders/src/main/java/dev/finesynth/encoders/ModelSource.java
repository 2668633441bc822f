package dev.finesynth.encoders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finesynth.encoders.config.SentenceConfig;
import dev.finesynth.encoders.config.TransformerConfig;
import dev.finesynth.encoders.weights.Safetensors;
import dev.finesynth.encoders.weights.TensorMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything needed to build an encoder, whatever it was loaded from: config, weights by Hugging
 * Face names, the sentence-transformers settings, the tokenizer file and, when there is one, an
 * ONNX file of the same transformer.
 *
 * @param denseWeights the weights of each Dense module ({@code linear.weight}, {@code
 *     linear.bias}), parallel to {@code sentence.dense()}
 * @param onnxFile an ONNX export of the transformer (inputs {@code input_ids}, {@code
 *     attention_mask}, {@code token_type_ids}; output {@code last_hidden_state}), or null
 * @param maxLength the model's own maximum number of tokens
 */
public record ModelSource(
    String name,
    TransformerConfig config,
    SentenceConfig sentence,
    TensorMap weights,
    List<TensorMap> denseWeights,
    Path tokenizerJson,
    Path onnxFile,
    int maxLength) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public ModelSource {
    denseWeights = List.copyOf(denseWeights);
    if (denseWeights.size() != sentence.dense().size()) {
      throw new IllegalArgumentException(
          sentence.dense().size() + " Dense modules but " + denseWeights.size() + " weight sets");
    }
  }

  /**
   * Reads a local Hugging Face / sentence-transformers folder: {@code config.json}, {@code
   * model.safetensors}, {@code tokenizer.json}, and where present {@code modules.json} with its
   * Pooling / Dense / Normalize modules, {@code sentence_bert_config.json} ({@code max_seq_length})
   * and {@code model.onnx} or {@code onnx/model.onnx}.
   */
  public static ModelSource fromFolder(Path folder) {
    Path transformer = SentenceConfig.transformerFolder(folder);
    TransformerConfig config = TransformerConfig.read(require(transformer.resolve("config.json")));
    Path weightsFile = transformer.resolve("model.safetensors");
    if (!Files.exists(weightsFile) && Files.exists(transformer.resolve("pytorch_model.bin"))) {
      throw new IllegalArgumentException(
          folder + " has only pytorch_model.bin; convert it to model.safetensors first");
    }
    TensorMap weights = Safetensors.read(require(weightsFile));
    SentenceConfig sentence = SentenceConfig.read(folder);
    List<TensorMap> dense = new ArrayList<>();
    for (Path dir : SentenceConfig.denseFolders(folder)) {
      dense.add(Safetensors.read(require(dir.resolve("model.safetensors"))));
    }
    Path tokenizer = transformer.resolve("tokenizer.json");
    if (!Files.exists(tokenizer)) {
      tokenizer = require(folder.resolve("tokenizer.json"));
    }
    Path onnx = null;
    for (Path candidate :
        List.of(folder.resolve("model.onnx"), folder.resolve("onnx/model.onnx"))) {
      if (Files.exists(candidate)) {
        onnx = candidate;
        break;
      }
    }
    int positions = config.maxPositions() - Math.max(0, config.positionPaddingIdx() + 1);
    int maxLength = Math.min(positions, maxSeqLength(folder, positions));
    return new ModelSource(
        folder.getFileName().toString(),
        config,
        sentence,
        weights,
        dense,
        tokenizer,
        onnx,
        maxLength);
  }

  /**
   * This source without its weights (an empty map, no Dense weights), for holders that have copied
   * them elsewhere and should not keep a file mapping alive.
   */
  public ModelSource withoutWeights() {
    List<TensorMap> noDense = new ArrayList<>();
    for (int i = 0; i < denseWeights.size(); i++) {
      noDense.add(new TensorMap());
    }
    return new ModelSource(
        name, config, sentence, new TensorMap(), noDense, tokenizerJson, onnxFile, maxLength);
  }

  private static int maxSeqLength(Path folder, int fallback) {
    Path file = folder.resolve("sentence_bert_config.json");
    if (!Files.exists(file)) {
      return fallback;
    }
    try {
      JsonNode json = JSON.readTree(Files.readString(file));
      return json.path("max_seq_length").asInt(fallback);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static Path require(Path file) {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("missing " + file);
    }
    return file;
  }
}
