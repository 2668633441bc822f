package dev.finesynth.encoders.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finesynth.encoders.catalog.PoolingMode;
import dev.finesynth.encoders.export.SentenceTransformersLayout.Dense;
import dev.finesynth.encoders.weights.Safetensors;
import dev.finesynth.encoders.weights.Tensor;
import dev.finesynth.encoders.weights.TensorMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentenceTransformersFolderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONFIG =
      "{\"architectures\":[\"BertModel\"],\"model_type\":\"bert\",\"hidden_size\":4,"
          + "\"layer_norm_eps\":1e-12,\"num_attention_heads\":2}";

  @TempDir Path dir;

  private Path tokenizer() throws IOException {
    Path file = dir.resolve("source-tokenizer.json");
    Files.writeString(
        file,
        "{\"version\":\"1.0\",\"truncation\":{\"max_length\":128},"
            + "\"padding\":{\"strategy\":{\"Fixed\":128}},\"model\":{\"type\":\"WordPiece\"}}");
    return file;
  }

  private static TensorMap transformer() {
    return new TensorMap()
        .put("embeddings.word_embeddings.weight", Tensor.ofFloats(new long[] {3, 4}, new float[12]))
        .put("pooler.dense.bias", Tensor.ofFloats(new long[] {4}, new float[] {1, 2, 3, 4}));
  }

  @Test
  void writtenLayoutReadsBack() throws IOException {
    TensorMap denseWeights =
        new TensorMap()
            .put("linear.weight", Tensor.ofFloats(new long[] {2, 4}, new float[8]))
            .put("linear.bias", Tensor.ofFloats(new long[] {2}, new float[] {0.5f, -0.5f}));
    Path out = dir.resolve("model");

    SentenceTransformersLayout written =
        SentenceTransformersFolder.writer(transformer(), CONFIG, tokenizer())
            .optPooling(PoolingMode.CLS)
            .optNormalize(true)
            .addDense(4, 2, true, Dense.TANH, denseWeights)
            .optPrompts(Map.of("query", "query: ", "passage", "passage: "))
            .optMaxSeqLength(256)
            .optDoLowerCase(true)
            .write(out);
    SentenceTransformersLayout read = SentenceTransformersFolder.read(out);

    assertThat(read).isEqualTo(written);
    assertThat(read.modules())
        .extracting(SentenceTransformersLayout.Module::path)
        .containsExactly("", "1_Pooling", "2_Dense", "3_Normalize");
    assertThat(read.pooling()).containsExactly(PoolingMode.CLS);
    assertThat(read.wordEmbeddingDimension()).isEqualTo(4);
    assertThat(read.dense()).containsExactly(new Dense("2_Dense", 4, 2, true, Dense.TANH));
    assertThat(read.prompts()).containsEntry("query", "query: ");
    assertThat(SentenceTransformersFolder.readDenseWeights(out, read.dense().get(0)).asMap())
        .isEqualTo(denseWeights.asMap());
    assertThat(Safetensors.read(out.resolve("model.safetensors")).asMap())
        .isEqualTo(transformer().asMap());
    assertThat(Safetensors.readMetadata(out.resolve("model.safetensors")))
        .containsEntry("format", "pt");
  }

  @Test
  void writesTheFilesSentenceTransformersLoads() throws IOException {
    Path out = dir.resolve("plain");
    SentenceTransformersFolder.writer(transformer(), CONFIG, tokenizer())
        .optMaxSeqLength(128)
        .write(out);

    JsonNode modules = JSON.readTree(out.resolve("modules.json").toFile());
    assertThat(modules).hasSize(2);
    assertThat(modules.get(0).path("type").asText())
        .isEqualTo("sentence_transformers.models.Transformer");
    assertThat(modules.get(1).path("path").asText()).isEqualTo("1_Pooling");
    JsonNode pooling = JSON.readTree(out.resolve("1_Pooling/config.json").toFile());
    assertThat(pooling.path("pooling_mode_mean_tokens").asBoolean()).isTrue();
    assertThat(pooling.path("pooling_mode_cls_token").asBoolean()).isFalse();
    JsonNode bert = JSON.readTree(out.resolve("sentence_bert_config.json").toFile());
    assertThat(bert.path("max_seq_length").asInt()).isEqualTo(128);
    JsonNode tokenizerConfig = JSON.readTree(out.resolve("tokenizer_config.json").toFile());
    assertThat(tokenizerConfig.path("model_max_length").asInt()).isEqualTo(128);
    JsonNode st = JSON.readTree(out.resolve("config_sentence_transformers.json").toFile());
    assertThat(st.path("__version__").path("sentence_transformers").asText()).isNotEmpty();
    JsonNode config = JSON.readTree(out.resolve("config.json").toFile());
    assertThat(config.path("layer_norm_eps").asDouble()).isEqualTo(1e-12);
    JsonNode tokenizer = JSON.readTree(out.resolve("tokenizer.json").toFile());
    assertThat(tokenizer.path("padding").isNull()).isTrue();
    assertThat(tokenizer.path("truncation").isNull()).isTrue();
    assertThat(tokenizer.path("model").path("type").asText()).isEqualTo("WordPiece");
    assertThat(out.resolve("2_Normalize")).doesNotExist();
  }

  @Test
  void readsAFolderWithoutModulesAsMeanPooling() throws IOException {
    Files.writeString(dir.resolve("config.json"), CONFIG);
    SentenceTransformersLayout layout = SentenceTransformersFolder.read(dir);
    assertThat(layout.pooling()).containsExactly(PoolingMode.MEAN);
    assertThat(layout.modules()).hasSize(2);
    assertThat(layout.maxSeqLength()).isNull();
  }

  @Test
  void refusesPickledDenseWeights() throws IOException {
    Files.createDirectories(dir.resolve("2_Dense"));
    Files.writeString(dir.resolve("2_Dense/pytorch_model.bin"), "x");
    assertThatThrownBy(
            () ->
                SentenceTransformersFolder.readDenseWeights(
                    dir, new Dense("2_Dense", 4, 2, true, Dense.TANH)))
        .hasMessageContaining("only safetensors");
  }

  @Test
  void aModulePathOutOfTheFolderIsRefused() throws IOException {
    Path model = Files.createDirectories(dir.resolve("downloaded"));
    Files.writeString(model.resolve("config.json"), CONFIG);
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("config.json"), "{\"pooling_mode_cls_token\":true}");
    for (String path : new String[] {"../outside", outside.toString(), "1_Pooling/../../outside"}) {
      Files.writeString(
          model.resolve("modules.json"),
          "[{\"idx\":0,\"path\":\"\",\"type\":\"sentence_transformers.models.Transformer\"},"
              + "{\"idx\":1,\"path\":\""
              + path
              + "\",\"type\":\"sentence_transformers.models.Pooling\"}]");

      assertThatThrownBy(() -> SentenceTransformersFolder.read(model))
          .as(path)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("modules.json path '" + path + "'")
          .hasMessageContaining("leads outside its folder");
      assertThatThrownBy(() -> dev.finesynth.encoders.config.SentenceConfig.read(model))
          .as(path)
          .hasMessageContaining("leads outside its folder");
    }
  }

  @Test
  void anExtraFileCannotBeWrittenOutOfTheFolder() throws IOException {
    Path extra = Files.writeString(dir.resolve("vocab.txt"), "[PAD]");
    for (String bad : new String[] {"../escaped.txt", "/tmp/escaped.txt", "a/../../escaped.txt"}) {
      assertThatThrownBy(
              () ->
                  SentenceTransformersFolder.writer(transformer(), CONFIG, tokenizer())
                      .addFile(bad, extra))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("file: ");
    }
    Path out = dir.resolve("with-vocab");
    SentenceTransformersFolder.writer(transformer(), CONFIG, tokenizer())
        .addFile("vocab.txt", extra)
        .write(out);
    assertThat(out.resolve("vocab.txt")).hasContent("[PAD]");
    assertThat(dir.resolve("escaped.txt")).doesNotExist();
  }
}
