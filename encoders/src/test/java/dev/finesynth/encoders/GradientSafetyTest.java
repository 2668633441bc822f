package dev.finesynth.encoders;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.finesynth.encoders.config.Architecture;
import dev.finesynth.encoders.model.StateDict;
import dev.finesynth.encoders.tokenize.TextTokenizer;
import dev.finesynth.encoders.tokenize.TokenBatch;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The blocks under a gradient collector: a garbage collection between forward and backward must not
 * change the loss or any gradient (DJL ops given Java numbers let autograd read freed memory).
 */
class GradientSafetyTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @EnumSource(Architecture.class)
  void gradientsSurviveGarbageCollection(Architecture arch) throws Exception {
    Path bi = TinyModels.biEncoder(tmp.resolve("bi"), arch, TinyModelsTest.sentenceFor(arch), 3);
    Path cross = TinyModels.crossEncoder(tmp.resolve("cross"), arch, 4);
    try (BiEncoder encoder = BiEncoder.load(bi, EncoderOptions.defaults());
        CrossEncoder scorer = CrossEncoder.load(cross, EncoderOptions.defaults())) {
      List<String> texts = List.of("the cat read a book", "kafka", "what is a vector?");
      TokenBatch batch = batch(encoder.tokenizer(), texts);
      check(encoder.block(), encoder.manager(), batch);
      check(scorer.block(), scorer.manager(), batch);
    }
  }

  private static void check(Block block, NDManager weights, TokenBatch batch) {
    Map<String, float[]> calm = step(block, weights, batch, false);
    Map<String, float[]> stressed = step(block, weights, batch, true);
    assertThat(calm.keySet()).containsExactlyElementsOf(stressed.keySet());
    for (String name : calm.keySet()) {
      assertThat(Arrays.equals(stressed.get(name), calm.get(name)))
          .as("%s equal with and without GC", name)
          .isTrue();
    }
    float gradNorm = 0;
    for (Map.Entry<String, float[]> e : calm.entrySet()) {
      for (float g : e.getValue()) {
        gradNorm += e.getKey().equals("loss") ? 0 : g * g;
      }
    }
    assertThat(gradNorm).as("some gradient is non-zero").isGreaterThan(0f);
  }

  /** One forward and backward; returns the loss and every parameter's gradient. */
  private static Map<String, float[]> step(
      Block block, NDManager weights, TokenBatch batch, boolean gcBetween) {
    Map<String, float[]> out = new LinkedHashMap<>();
    StateDict.zeroGradients(block);
    try (NDManager manager = weights.newSubManager();
        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      Shape shape = new Shape(batch.size(), batch.sequenceLength());
      NDList inputs =
          new NDList(
              manager.create(batch.flatIds(), shape),
              manager.create(batch.flatMask(), shape),
              manager.create(batch.flatTypeIds(), shape));
      NDArray y = block.forward(new ParameterStore(manager, false), inputs, true).head();
      NDArray loss = y.square().sum();
      if (gcBetween) {
        for (int i = 0; i < 3; i++) {
          byte[][] garbage = new byte[256][];
          for (int j = 0; j < garbage.length; j++) {
            garbage[j] = new byte[64 * 1024];
          }
          System.gc();
          manager.create(new float[4096]).close();
        }
      }
      collector.backward(loss);
      out.put("loss", loss.toFloatArray());
      for (Map.Entry<String, Parameter> p : StateDict.parameters(block).entrySet()) {
        out.put(p.getKey(), p.getValue().getArray().getGradient().toFloatArray());
      }
    }
    return out;
  }

  private static TokenBatch batch(TextTokenizer tokenizer, List<String> texts) {
    return tokenizer.batches(tokenizer.encodeAll(texts), texts.size()).get(0);
  }
}
