package dev.finesynth.encoders.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.finesynth.encoders.BiEncoder;
import dev.finesynth.encoders.EncoderOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarginMseLossTest {
  @TempDir Path dir;

  /**
   * Texts shared by several triplets of a batch are encoded once; the loss and the gradients must
   * be those of every triplet encoded on its own.
   */
  @Test
  void sharedTextsEncodedOnceGiveTheGradientsOfSeparateTriplets() {
    Path folder =
        TinyBert.write(
            dir.resolve("tiny"), TinyBert.Spec.defaults().withPrefixes("query: ", "passage: "));
    List<MarginTriplet> batch =
        List.of(
            new MarginTriplet("what is kafka", "kafka is a log", "the cat sleeps", 3.0f),
            new MarginTriplet("what is kafka", "kafka is a log", "a green tree", 2.0f),
            new MarginTriplet("what is kafka", "kafka is a log", "the broker", 0.5f),
            new MarginTriplet("where is paris", "paris is the capital", "the cat sleeps", 4.0f),
            new MarginTriplet("where is paris", "paris is the capital", "kafka is a log", 1.5f),
            new MarginTriplet("how do birds fly", "a bird flies", "a green tree", 1.0f));
    try (BiEncoder encoder = BiEncoder.load(folder, EncoderOptions.defaults())) {
      MarginMseLoss loss = new MarginMseLoss(encoder, encoder.tokenizer(), Similarity.COSINE, 2f);
      List<TrainableParameter> params = TrainableParameter.of(encoder.block());

      float together = loss.backward(batch);
      Map<String, float[]> batchGrads = MarginMseLossGcTest.gradients(params);

      double separate = 0;
      for (MarginTriplet t : batch) {
        separate += loss.backward(List.of(t)); // gradients add up across the calls
      }
      Map<String, float[]> summed = MarginMseLossGcTest.gradients(params);

      assertThat((double) together).isCloseTo(separate / batch.size(), within(1e-5));
      for (Map.Entry<String, float[]> e : batchGrads.entrySet()) {
        float[] expected = summed.get(e.getKey());
        float[] actual = e.getValue();
        for (int i = 0; i < actual.length; i++) {
          assertThat((double) actual[i])
              .as("%s[%d]", e.getKey(), i)
              .isCloseTo(expected[i] / batch.size(), within(1e-5 + 1e-3 * Math.abs(actual[i])));
        }
      }
      assertThat(batchGrads.values())
          .anySatisfy(g -> assertThat(g).isNotEqualTo(new float[g.length]));
    }
  }
}
