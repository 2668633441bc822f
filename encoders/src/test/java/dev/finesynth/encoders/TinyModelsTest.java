package dev.finesynth.encoders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.finesynth.encoders.config.Architecture;
import dev.finesynth.encoders.config.DenseConfig;
import dev.finesynth.encoders.config.PoolingMode;
import dev.finesynth.encoders.config.SentenceConfig;
import dev.finesynth.encoders.weights.Safetensors;
import dev.finesynth.encoders.weights.TensorMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Random-weight models of each architecture, saved as Hugging Face folders and loaded back. */
class TinyModelsTest {
  private static final String LONG = "the search query ranks every document fast ".repeat(20);
  private static final List<String> TEXTS =
      List.of(
          "what is the capital of france?",
          "",
          "kafka streams",
          LONG,
          "Ünïcödé 東京 🚀 text",
          "how to train a vector model in java",
          "x");

  @TempDir Path tmp;

  static SentenceConfig sentenceFor(Architecture arch) {
    return switch (arch) {
      case BERT -> TinyModels.meanWithDense();
      case DISTILBERT -> SentenceConfig.of(PoolingMode.MAX, false);
      case ROBERTA ->
          new SentenceConfig(
              PoolingMode.CLS, true, List.of(new DenseConfig(32, 24, true, "Identity")), "", "");
    };
  }

  @ParameterizedTest
  @EnumSource(Architecture.class)
  void biEncoderRoundTripsAndIsPaddingInvariant(Architecture arch) throws Exception {
    SentenceConfig sentence = sentenceFor(arch);
    Path dir = TinyModels.biEncoder(tmp.resolve("bi"), arch, sentence, 1);
    EncoderOptions options = EncoderOptions.builder().optBatchSize(4).optMaxLength(24).build();
    try (BiEncoder encoder = BiEncoder.load(dir, options)) {
      int dim = sentence.dense().isEmpty() ? 32 : sentence.dense().get(0).outFeatures();
      assertThat(encoder.dimension()).isEqualTo(dim);
      List<float[]> batch = encoder.encode(TEXTS);
      assertThat(batch).hasSize(TEXTS.size());
      for (int i = 0; i < TEXTS.size(); i++) {
        float[] v = batch.get(i);
        assertThat(v).hasSize(dim);
        for (float x : v) {
          assertThat(Float.isFinite(x)).isTrue();
        }
        if (sentence.normalize()) {
          assertThat(norm(v)).isCloseTo(1.0, within(1e-5));
        }
        float[] alone = encoder.encode(TEXTS.get(i));
        assertThat(maxAbsDiff(alone, v)).as("text %d alone vs in a batch", i).isLessThan(1e-5);
      }
      assertThat(maxAbsDiff(batch.get(0), batch.get(2))).as("texts differ").isGreaterThan(1e-3);
      assertThat(encoder.tokenizer().encode(LONG).length()).isEqualTo(24);
      // prefixes from config_sentence_transformers.json change the input
      assertThat(encoder.queryPrefix()).isEqualTo(sentence.queryPrefix());
      assertThat(encoder.encodeQueries(List.of("cat")).get(0))
          .isEqualTo(encoder.encode(sentence.queryPrefix() + "cat"));
      // the state dict is what the folder stores, under the same names
      assertSameWeights(encoder.stateDict(), Safetensors.read(dir.resolve("model.safetensors")));
      for (int i = 0; i < sentence.dense().size(); i++) {
        assertSameWeights(
            encoder.denseStateDict(i),
            Safetensors.read(dir.resolve((i + 2) + "_Dense/model.safetensors")));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Architecture.class)
  void crossEncoderScoresFinitePaddingInvariant(Architecture arch) throws Exception {
    Path dir = TinyModels.crossEncoder(tmp.resolve("cross"), arch, 2);
    EncoderOptions options = EncoderOptions.builder().optBatchSize(3).optMaxLength(20).build();
    List<TextPair> pairs = new ArrayList<>();
    for (String doc : TEXTS) {
      pairs.add(new TextPair("capital of france", doc));
    }
    pairs.add(new TextPair(LONG, LONG));
    try (CrossEncoder cross = CrossEncoder.load(dir, options)) {
      float[] scores = cross.score(pairs);
      assertThat(scores).hasSize(pairs.size());
      for (int i = 0; i < pairs.size(); i++) {
        assertThat(Float.isFinite(scores[i])).isTrue();
        float alone = cross.score(pairs.get(i).query(), pairs.get(i).document());
        assertThat(alone).as("pair %d alone vs in a batch", i).isCloseTo(scores[i], within(1e-5f));
      }
      assertThat(cross.logits(pairs.subList(0, 1))[0]).hasSize(1);
      assertThat(Math.abs(scores[0] - scores[2])).as("pairs differ").isGreaterThan(1e-4f);
      assertSameWeights(cross.stateDict(), Safetensors.read(dir.resolve("model.safetensors")));
    }
    EncoderOptions sigmoid =
        options.toBuilder().optScoreActivation(ScoreActivation.SIGMOID).build();
    try (CrossEncoder raw = CrossEncoder.load(dir, options);
        CrossEncoder probability = CrossEncoder.load(dir, sigmoid)) {
      float logit = raw.score("cat", "dog");
      assertThat(probability.score("cat", "dog"))
          .isCloseTo((float) (1 / (1 + Math.exp(-logit))), within(1e-6f));
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Architecture.class,
      names = {"BERT"})
  void concurrentCallersGetTheSequentialResults(Architecture arch) throws Exception {
    Path dir = TinyModels.biEncoder(tmp.resolve("bi"), arch, sentenceFor(arch), 5);
    Path crossDir = TinyModels.crossEncoder(tmp.resolve("cross"), arch, 6);
    try (BiEncoder encoder = BiEncoder.load(dir, EncoderOptions.builder().optBatchSize(2).build());
        CrossEncoder cross = CrossEncoder.load(crossDir, EncoderOptions.defaults())) {
      List<float[]> expected = encoder.encode(TEXTS);
      float[] expectedScores = cross.score("kafka", TEXTS);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
          results.add(
              pool.submit(
                  () -> {
                    List<float[]> got = encoder.encode(TEXTS);
                    boolean same = true;
                    for (int j = 0; j < TEXTS.size(); j++) {
                      same &= maxAbsDiff(got.get(j), expected.get(j)) < 1e-6;
                    }
                    return same && maxAbsDiff(cross.score("kafka", TEXTS), expectedScores) < 1e-6;
                  }));
        }
        for (Future<Boolean> r : results) {
          assertThat(r.get()).isTrue();
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  static void assertSameWeights(TensorMap actual, TensorMap expected) {
    assertThat(actual.names()).containsExactlyInAnyOrderElementsOf(expected.names());
    for (String name : expected.names()) {
      assertThat(actual.get(name).shape()).as(name).isEqualTo(expected.get(name).shape());
      assertThat(actual.get(name).toFloats()).as(name).isEqualTo(expected.get(name).toFloats());
    }
  }

  static double norm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  static double maxAbsDiff(float[] a, float[] b) {
    assertThat(a).hasSameSizeAs(b);
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }
}
