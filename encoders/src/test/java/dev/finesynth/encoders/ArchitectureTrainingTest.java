package dev.finesynth.encoders;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.finesynth.encoders.config.Architecture;
import dev.finesynth.encoders.export.BiEncoderExporter;
import dev.finesynth.encoders.model.StateDict;
import dev.finesynth.encoders.train.MarginMseLoss;
import dev.finesynth.encoders.train.MarginMseTrainer;
import dev.finesynth.encoders.train.MarginTriplet;
import dev.finesynth.encoders.train.Similarity;
import dev.finesynth.encoders.train.TrainableParameter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * MarginMSE training on each architecture (BERT, DistilBERT, RoBERTa with their own names, position
 * ids, activations and pooling): GC-safe gradients, decay exclusions by block type, and export.
 */
class ArchitectureTrainingTest {
  private static final List<MarginTriplet> TRIPLETS =
      List.of(
          new MarginTriplet("what is kafka", "kafka streams data", "the cat", 3f),
          new MarginTriplet("capital of france", "paris is the capital", "a dog runs", 2f),
          new MarginTriplet("how to train a model", "train the vector model", "read a book", 1f),
          new MarginTriplet("who writes code", "java code test", "the house", -1f));

  @TempDir Path tmp;

  @ParameterizedTest
  @EnumSource(Architecture.class)
  void trainsSafelyAndExports(Architecture arch) throws Exception {
    Path dir = TinyModels.biEncoder(tmp.resolve("bi"), arch, TinyModelsTest.sentenceFor(arch), 5);
    try (BiEncoder encoder = BiEncoder.load(dir, EncoderOptions.defaults())) {
      MarginMseLoss loss = new MarginMseLoss(encoder, encoder.tokenizer(), Similarity.DOT, 0.5f);
      List<TrainableParameter> params = TrainableParameter.of(encoder.block());
      float plain = loss.backward(TRIPLETS);
      Map<String, float[]> reference = gradients(params);
      for (int round = 0; round < 2; round++) {
        float stressed = loss.backward(TRIPLETS, ArchitectureTrainingTest::collect);
        assertThat(Float.floatToIntBits(stressed)).isEqualTo(Float.floatToIntBits(plain));
        Map<String, float[]> grads = gradients(params);
        reference.forEach((name, g) -> assertThat(grads.get(name)).as(name).containsExactly(g));
      }

      for (TrainableParameter p : params) {
        boolean norm = p.name().contains("LayerNorm") || p.name().contains("layer_norm");
        assertThat(p.decay()).as(p.name()).isEqualTo(!norm && !p.name().endsWith(".bias"));
      }

      var before = StateDict.export(encoder.block());
      try (MarginMseTrainer trainer =
          MarginMseTrainer.builder()
              .setEncoder(encoder)
              .setTrainingData(TRIPLETS)
              .optBatchSize(2)
              .optEpochs(2)
              .optLearningRate(1e-3)
              .build()) {
        trainer.train();
      }
      String words = TrainableParameter.WORD_EMBEDDINGS;
      assertThat(StateDict.export(encoder.block()).get(words)).isNotEqualTo(before.get(words));

      Path exported = tmp.resolve("exported");
      BiEncoderExporter.export(encoder, exported);
      try (BiEncoder reloaded = BiEncoder.load(exported, EncoderOptions.defaults())) {
        assertThat(StateDict.export(reloaded.block()).asMap())
            .isEqualTo(StateDict.export(encoder.block()).asMap());
        List<String> texts = List.of("what is kafka", "paris is the capital of france");
        List<float[]> expected = encoder.encodePassages(texts);
        List<float[]> actual = reloaded.encodePassages(texts);
        for (int i = 0; i < texts.size(); i++) {
          assertThat(actual.get(i)).containsExactly(expected.get(i));
        }
      }
    }
  }

  private static void collect() {
    for (int i = 0; i < 3; i++) {
      System.gc();
      byte[][] junk = new byte[64][];
      for (int j = 0; j < junk.length; j++) {
        junk[j] = new byte[4096];
      }
      java.nio.ByteBuffer.allocateDirect(1 << 16).put(new byte[1 << 16]);
    }
    System.gc();
  }

  private static Map<String, float[]> gradients(List<TrainableParameter> params) {
    Map<String, float[]> out = new LinkedHashMap<>();
    for (TrainableParameter p : params) {
      NDArray grad = JniUtils.getGradient((PtNDArray) p.array());
      assertThat(grad).as(p.name()).isNotNull();
      try (grad) {
        out.put(p.name(), grad.toFloatArray());
      }
      JniUtils.zeroGrad((PtNDArray) p.array());
    }
    return out;
  }
}
