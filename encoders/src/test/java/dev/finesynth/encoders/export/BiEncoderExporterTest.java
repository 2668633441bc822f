package dev.finesynth.encoders.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finesynth.encoders.BiEncoder;
import dev.finesynth.encoders.BundledModels;
import dev.finesynth.encoders.EncoderOptions;
import dev.finesynth.encoders.config.PoolingMode;
import dev.finesynth.encoders.model.StateDict;
import dev.finesynth.encoders.train.TinyBert;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Export then {@code BiEncoder.load} gives the same weights, settings and vectors. */
class BiEncoderExporterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> TEXTS =
      List.of("what is kafka", "Paris is the capital of France.", "", "a dog swims in the ocean");

  @TempDir Path dir;

  @Test
  void tinyModelWithClsPoolingDenseAndPrefixesRoundTrips() throws Exception {
    Path source =
        TinyBert.write(
            dir.resolve("source"),
            TinyBert.Spec.defaults()
                .withPooling(PoolingMode.CLS)
                .withNormalize(false)
                .withDense(8)
                .withPrefixes("query: ", "passage: "));
    Path out = dir.resolve("exported");
    try (BiEncoder original = BiEncoder.load(source, EncoderOptions.defaults())) {
      SentenceTransformersLayout layout = BiEncoderExporter.export(original, out);
      assertThat(layout.dense()).hasSize(1);
      for (String file :
          List.of(
              "config.json",
              "model.safetensors",
              "tokenizer.json",
              "modules.json",
              "1_Pooling/config.json",
              "2_Dense/config.json",
              "2_Dense/model.safetensors",
              "config_sentence_transformers.json",
              "sentence_bert_config.json")) {
        assertThat(out.resolve(file)).as(file).isRegularFile();
      }
      JsonNode prompts = JSON.readTree(out.resolve("config_sentence_transformers.json").toFile());
      assertThat(prompts.path("prompts").path("query").asText()).isEqualTo("query: ");
      assertThat(prompts.path("prompts").path("passage").asText()).isEqualTo("passage: ");
      JsonNode pooling = JSON.readTree(out.resolve("1_Pooling/config.json").toFile());
      assertThat(pooling.path("pooling_mode_cls_token").asBoolean()).isTrue();
      assertThat(SentenceTransformersFolder.read(out).normalize()).isFalse();

      assertRoundTrip(original, out);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"all-minilm-l6-v2", "bge-small-en-v1.5", "e5-small-v2"})
  void bundledOnnxModelRoundTrips(String name) {
    Path out = dir.resolve(name);
    try (BiEncoder original = BundledModels.load(name, EncoderOptions.defaults())) {
      BiEncoderExporter.export(original, out);
      assertRoundTrip(original, out);
    }
  }

  private static void assertRoundTrip(BiEncoder original, Path folder) {
    try (BiEncoder reloaded = BiEncoder.load(folder, EncoderOptions.defaults())) {
      assertThat(reloaded.config()).isEqualTo(original.config());
      assertThat(reloaded.sentenceConfig()).isEqualTo(original.sentenceConfig());
      assertThat(reloaded.queryPrefix()).isEqualTo(original.queryPrefix());
      assertThat(reloaded.passagePrefix()).isEqualTo(original.passagePrefix());
      assertThat(reloaded.tokenizer().maxLength()).isEqualTo(original.tokenizer().maxLength());
      assertThat(StateDict.export(reloaded.block()).asMap())
          .isEqualTo(StateDict.export(original.block()).asMap());
      assertThat(reloaded.stateDict().asMap()).isEqualTo(original.stateDict().asMap());
      for (int i = 0; i < original.sentenceConfig().dense().size(); i++) {
        assertThat(reloaded.denseStateDict(i).asMap())
            .isEqualTo(original.denseStateDict(i).asMap());
      }
      assertEqualVectors(reloaded.encodeQueries(TEXTS), original.encodeQueries(TEXTS));
      assertEqualVectors(reloaded.encodePassages(TEXTS), original.encodePassages(TEXTS));
    }
  }

  private static void assertEqualVectors(List<float[]> actual, List<float[]> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i)).as("vector %d", i).containsExactly(expected.get(i));
    }
  }
}
