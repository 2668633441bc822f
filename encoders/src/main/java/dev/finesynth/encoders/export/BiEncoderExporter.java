package dev.finesynth.encoders.export;

import dev.finesynth.encoders.BiEncoder;
import dev.finesynth.encoders.catalog.PoolingMode;
import dev.finesynth.encoders.config.Architecture;
import dev.finesynth.encoders.config.DenseConfig;
import dev.finesynth.encoders.config.SentenceConfig;
import dev.finesynth.encoders.config.TransformerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link BiEncoder} (trained or not, whatever it was loaded from) as a
 * sentence-transformers folder: {@code config.json}, {@code model.safetensors} (the current
 * weights), {@code tokenizer.json}, {@code modules.json}, {@code 1_Pooling}, each {@code
 * <i>_Dense}, {@code Normalize}, {@code sentence_bert_config.json} and {@code
 * config_sentence_transformers.json} with the encoder's prefixes as the prompts {@code query} and
 * {@code passage}. {@code BiEncoder.load(folder, options)} gives back the same weights, prefixes
 * and vectors.
 */
public final class BiEncoderExporter {
  private BiEncoderExporter() {}

  /** Exports {@code encoder} into {@code folder} (replaced atomically), similarity cosine. */
  public static SentenceTransformersLayout export(BiEncoder encoder, Path folder) {
    return export(encoder, folder, "cosine");
  }

  /**
   * @param similarityFunction what {@code config_sentence_transformers.json} names as the model's
   *     similarity: {@code cosine} or {@code dot}
   */
  public static SentenceTransformersLayout export(
      BiEncoder encoder, Path folder, String similarityFunction) {
    SentenceConfig sentence = encoder.sentenceConfig();
    SentenceTransformersFolder.Writer writer =
        SentenceTransformersFolder.writer(
                encoder.stateDict(), configJson(encoder), encoder.tokenizerJson())
            .optPooling(PoolingMode.valueOf(sentence.pooling().name()))
            .optNormalize(sentence.normalize())
            .optPrompts(prompts(encoder.queryPrefix(), encoder.passagePrefix()))
            .optMaxSeqLength(encoder.tokenizer().maxLength())
            .optSimilarityFunction(similarityFunction);
    List<DenseConfig> dense = sentence.dense();
    for (int i = 0; i < dense.size(); i++) {
      DenseConfig d = dense.get(i);
      writer.addDense(
          d.inFeatures(),
          d.outFeatures(),
          d.bias(),
          d.activationFunction(),
          encoder.denseStateDict(i));
    }
    SentenceTransformersLayout[] written = new SentenceTransformersLayout[1];
    AtomicFolder.write(folder, dir -> written[0] = writer.write(dir));
    return written[0];
  }

  private static Map<String, String> prompts(String query, String passage) {
    Map<String, String> prompts = new LinkedHashMap<>();
    if (!query.isEmpty()) {
      prompts.put("query", query);
    }
    if (!passage.isEmpty()) {
      prompts.put("passage", passage);
    }
    return prompts;
  }

  /**
   * The {@code config.json} the encoder was loaded from when it sits next to its tokenizer and
   * describes the same transformer (keeping fields this library does not read), else one written
   * from the encoder's config.
   */
  static String configJson(BiEncoder encoder) {
    TransformerConfig config = encoder.config();
    Path original = encoder.tokenizerJson().resolveSibling("config.json");
    try {
      if (Files.isRegularFile(original) && TransformerConfig.read(original).equals(config)) {
        return Files.readString(original);
      }
      return config.toJson(modelClass(config)).toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + original, e);
    }
  }

  private static String modelClass(TransformerConfig config) {
    if (config.architecture() == Architecture.DISTILBERT) {
      return "DistilBertModel";
    }
    if (config.architecture() == Architecture.ROBERTA) {
      return config.modelType().equals("xlm-roberta") ? "XLMRobertaModel" : "RobertaModel";
    }
    return "BertModel";
  }
}
