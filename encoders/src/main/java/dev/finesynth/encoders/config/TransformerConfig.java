package dev.finesynth.encoders.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A transformer encoder's shape, read from a Hugging Face {@code config.json} and normalised across
 * BERT, DistilBERT and (XLM-)RoBERTa, whose files name the same things differently.
 *
 * @param labels the classification labels by index ({@code id2label}); their count is the number of
 *     logits a sequence-classification head produces
 */
public record TransformerConfig(
    Architecture architecture,
    String modelType,
    int vocabSize,
    int hiddenSize,
    int numLayers,
    int numHeads,
    int intermediateSize,
    int maxPositions,
    int typeVocabSize,
    float layerNormEps,
    HiddenAct hiddenAct,
    int padTokenId,
    List<String> labels) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public TransformerConfig {
    if (hiddenSize % numHeads != 0) {
      throw new IllegalArgumentException(
          "hidden size " + hiddenSize + " is not a multiple of " + numHeads + " heads");
    }
    labels = List.copyOf(labels);
  }

  /** A BERT configuration with the usual defaults (GELU, eps 1e-12, pad id 0, one label). */
  public static TransformerConfig bert(
      int vocabSize, int hiddenSize, int numLayers, int numHeads, int intermediateSize) {
    return new TransformerConfig(
        Architecture.BERT,
        "bert",
        vocabSize,
        hiddenSize,
        numLayers,
        numHeads,
        intermediateSize,
        512,
        2,
        1e-12f,
        HiddenAct.GELU,
        0,
        List.of("LABEL_0"));
  }

  public static TransformerConfig read(Path configJson) {
    try {
      return fromJson(JSON.readTree(Files.readString(configJson)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + configJson, e);
    }
  }

  public static TransformerConfig fromJson(JsonNode json) {
    String modelType = json.path("model_type").asText("bert");
    Architecture arch = Architecture.ofModelType(modelType);
    List<String> labels = labels(json);
    if (arch == Architecture.DISTILBERT) {
      return new TransformerConfig(
          arch,
          modelType,
          json.path("vocab_size").asInt(30522),
          json.path("dim").asInt(768),
          json.path("n_layers").asInt(6),
          json.path("n_heads").asInt(12),
          json.path("hidden_dim").asInt(3072),
          json.path("max_position_embeddings").asInt(512),
          0,
          1e-12f,
          HiddenAct.of(json.path("activation").asText("gelu")),
          json.path("pad_token_id").asInt(0),
          labels);
    }
    boolean roberta = arch == Architecture.ROBERTA;
    return new TransformerConfig(
        arch,
        modelType,
        json.path("vocab_size").asInt(30522),
        json.path("hidden_size").asInt(768),
        json.path("num_hidden_layers").asInt(12),
        json.path("num_attention_heads").asInt(12),
        json.path("intermediate_size").asInt(3072),
        json.path("max_position_embeddings").asInt(512),
        json.path("type_vocab_size").asInt(roberta ? 1 : 2),
        (float) json.path("layer_norm_eps").asDouble(roberta ? 1e-5 : 1e-12),
        HiddenAct.of(json.path("hidden_act").asText("gelu")),
        json.path("pad_token_id").asInt(roberta ? 1 : 0),
        labels);
  }

  private static List<String> labels(JsonNode json) {
    JsonNode id2label = json.path("id2label");
    int count = id2label.size() > 0 ? id2label.size() : json.path("num_labels").asInt(2);
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      labels.add(id2label.path(Integer.toString(i)).asText("LABEL_" + i));
    }
    return labels;
  }

  public int numLabels() {
    return labels.size();
  }

  public int headSize() {
    return hiddenSize / numHeads;
  }

  /** Whether the model has a token-type embedding (DistilBERT has none). */
  public boolean hasTokenTypes() {
    return typeVocabSize > 0;
  }

  /**
   * The padding id that RoBERTa-style position ids start after (positions are {@code pad + 1 + i}
   * for real tokens and {@code pad} for padding); -1 for absolute positions {@code 0..n-1}.
   */
  public int positionPaddingIdx() {
    return architecture == Architecture.ROBERTA ? padTokenId : -1;
  }

  public TransformerConfig withLabels(List<String> newLabels) {
    return new TransformerConfig(
        architecture,
        modelType,
        vocabSize,
        hiddenSize,
        numLayers,
        numHeads,
        intermediateSize,
        maxPositions,
        typeVocabSize,
        layerNormEps,
        hiddenAct,
        padTokenId,
        newLabels);
  }

  /**
   * This configuration as a Hugging Face {@code config.json} for its architecture; {@code
   * architectures} names the model class the weights belong to (for example {@code BertModel} or
   * {@code BertForSequenceClassification}).
   */
  public ObjectNode toJson(String architectureClass) {
    ObjectNode json = JSON.createObjectNode();
    json.putArray("architectures").add(architectureClass);
    json.put("model_type", modelType);
    json.put("vocab_size", vocabSize);
    json.put("max_position_embeddings", maxPositions);
    json.put("pad_token_id", padTokenId);
    if (architecture == Architecture.DISTILBERT) {
      json.put("dim", hiddenSize);
      json.put("n_layers", numLayers);
      json.put("n_heads", numHeads);
      json.put("hidden_dim", intermediateSize);
      json.put("activation", hiddenAct.hfName());
      json.put("sinusoidal_pos_embds", false);
    } else {
      json.put("hidden_size", hiddenSize);
      json.put("num_hidden_layers", numLayers);
      json.put("num_attention_heads", numHeads);
      json.put("intermediate_size", intermediateSize);
      json.put("type_vocab_size", typeVocabSize);
      json.put("layer_norm_eps", layerNormEps);
      json.put("hidden_act", hiddenAct.hfName());
    }
    ObjectNode id2label = json.putObject("id2label");
    ObjectNode label2id = json.putObject("label2id");
    for (int i = 0; i < labels.size(); i++) {
      id2label.put(Integer.toString(i), labels.get(i));
      label2id.put(labels.get(i), i);
    }
    return json;
  }
}
