package dev.finesynth.encoders.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.finesynth.encoders.BiEncoder;
import dev.finesynth.encoders.EncoderOptions;
import dev.finesynth.encoders.tokenize.TokenizedText;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * THE GC TEST: garbage collections between the forward and the backward pass must not change the
 * loss or any gradient by a single bit (DJL-PyTorch ops given Java numbers leave autograd pointing
 * at memory a collection frees).
 */
class MarginMseLossGcTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Similarity.class)
  void collectionsBetweenForwardAndBackwardChangeNothing(Similarity similarity) {
    // Dense module, mean pooling without normalisation, prefixes: every op of the student runs
    Path folder =
        TinyBert.write(
            dir.resolve("tiny"),
            TinyBert.Spec.defaults().withDense(16).withPrefixes("query: ", "passage: "));
    try (BiEncoder encoder = BiEncoder.load(folder, EncoderOptions.defaults())) {
      // with the listwise term, so that its ops are under the same check
      MarginMseLoss loss =
          new MarginMseLoss(
              encoder, encoder.tokenizer(), similarity, 2.5f, new ListwiseKl(0.5f, 0.1f));
      List<TrainableParameter> params = TrainableParameter.of(encoder.block());
      List<MarginTriplet> batch = TinyBert.triplets();

      float reference = loss.backward(batch);
      Map<String, float[]> referenceGrads = gradients(params);
      assertThat(reference).isPositive().isFinite();
      assertThat(referenceGrads.values()).allSatisfy(g -> assertThat(g).isNotEmpty());

      for (int round = 0; round < 4; round++) {
        float stressed = loss.backward(batch, MarginMseLossGcTest::collectAndReuseMemory);
        assertThat(Float.floatToIntBits(stressed))
            .as("loss, round %d", round)
            .isEqualTo(Float.floatToIntBits(reference));
        Map<String, float[]> grads = gradients(params);
        for (Map.Entry<String, float[]> e : referenceGrads.entrySet()) {
          assertThat(grads.get(e.getKey()))
              .as("gradient of %s, round %d", e.getKey(), round)
              .containsExactly(e.getValue());
        }
        float plain = loss.backward(batch);
        assertThat(Float.floatToIntBits(plain)).isEqualTo(Float.floatToIntBits(reference));
        assertThat(gradients(params).get(params.get(0).name()))
            .containsExactly(referenceGrads.get(params.get(0).name()));
      }
    }
  }

  /**
   * The control: the same stress does catch the trap. A loss that multiplies by a Java number gets
   * different gradients once memory is collected between the passes (if DJL ever fixes this, drop
   * this test).
   */
  @Test
  void theStressCatchesAnOpGivenAJavaNumber() {
    Path folder = TinyBert.write(dir.resolve("tiny"), TinyBert.Spec.defaults());
    try (BiEncoder encoder = BiEncoder.load(folder, EncoderOptions.defaults())) {
      List<TrainableParameter> params = TrainableParameter.of(encoder.block());
      Map<String, float[]> reference = unsafeGradients(encoder, params, false);
      int differing = 0;
      for (int round = 0; round < 5; round++) {
        Map<String, float[]> stressed = unsafeGradients(encoder, params, true);
        boolean same = true;
        for (Map.Entry<String, float[]> e : reference.entrySet()) {
          same &= Arrays.equals(e.getValue(), stressed.get(e.getKey()));
        }
        differing += same ? 0 : 1;
      }
      assertThat(differing).as("stressed runs with wrong gradients").isPositive();
    }
  }

  private static Map<String, float[]> unsafeGradients(
      BiEncoder encoder, List<TrainableParameter> params, boolean stress) {
    try (NDManager manager = encoder.manager().newSubManager();
        GradientCollector collector = manager.getEngine().newGradientCollector()) {
      TokenizedText t = encoder.tokenizer().encode("what is kafka");
      Shape shape = new Shape(1, t.length());
      long[] mask = new long[t.length()];
      Arrays.fill(mask, 1);
      NDList in =
          new NDList(
              manager.create(t.ids(), shape),
              manager.create(mask, shape),
              manager.create(t.typeIds(), shape));
      NDArray v =
          encoder.block().forward(new ParameterStore(manager, false), in, true).singletonOrThrow();
      NDArray loss = v.mul(2.5f).add(0.5f).pow(2f).mean(); // the trap: Java numbers
      if (stress) {
        collectAndReuseMemory();
      }
      collector.backward(loss);
      return gradients(params);
    }
  }

  /** Forces collections and fills freshly allocated native memory with garbage. */
  static void collectAndReuseMemory() {
    for (int i = 0; i < 3; i++) {
      System.gc();
      List<ByteBuffer> junk = new ArrayList<>();
      for (int j = 0; j < 64; j++) {
        ByteBuffer b = ByteBuffer.allocateDirect(4096);
        while (b.hasRemaining()) {
          b.put((byte) 0x7f);
        }
        junk.add(b);
      }
      junk.clear();
    }
    System.gc();
  }

  /** The accumulated gradients by name, then zeroed for the next pass. */
  static Map<String, float[]> gradients(List<TrainableParameter> params) {
    Map<String, float[]> out = new LinkedHashMap<>();
    for (TrainableParameter p : params) {
      NDArray grad = JniUtils.getGradient((PtNDArray) p.array());
      assertThat(grad).as("gradient of %s", p.name()).isNotNull();
      try (grad) {
        out.put(p.name(), grad.toFloatArray());
      }
      JniUtils.zeroGrad((PtNDArray) p.array());
    }
    return out;
  }
}
