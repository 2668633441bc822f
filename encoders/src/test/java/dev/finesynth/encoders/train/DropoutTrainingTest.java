package dev.finesynth.encoders.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finesynth.encoders.BiEncoder;
import dev.finesynth.encoders.EncoderOptions;
import dev.finesynth.encoders.config.DropoutRates;
import dev.finesynth.encoders.config.TransformerConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config's dropout applies to training passes only, with masks drawn from the step's seed. */
class DropoutTrainingTest {
  private static final List<String> TEXTS = List.of("what is kafka", "the sky is blue");

  @TempDir Path dir;

  @Test
  void configRatesRoundTripAndDefaultToHuggingFaces() {
    Path folder =
        TinyBert.withDropout(
            TinyBert.write(dir.resolve("m"), TinyBert.Spec.defaults()),
            new DropoutRates(0.25f, 0.05f));
    TransformerConfig config = TransformerConfig.read(folder.resolve("config.json"));
    assertThat(config.dropout()).isEqualTo(new DropoutRates(0.25f, 0.05f));
    assertThat(TransformerConfig.fromJson(config.toJson("BertModel")).dropout())
        .isEqualTo(config.dropout());
    var bare = config.toJson("BertModel");
    bare.remove(List.of("hidden_dropout_prob", "attention_probs_dropout_prob"));
    assertThat(TransformerConfig.fromJson(bare).dropout()).isEqualTo(DropoutRates.DEFAULT);
  }

  @Test
  void trainingPassesDropOutWithTheGivenSeedAndInferenceDoesNot() {
    Path plain = TinyBert.write(dir.resolve("plain"), TinyBert.Spec.defaults());
    Path dropping =
        TinyBert.withDropout(
            TinyBert.write(dir.resolve("dropping"), TinyBert.Spec.defaults()),
            new DropoutRates(0.3f, 0.3f));
    List<MarginTriplet> batch = TinyBert.triplets();
    try (BiEncoder withDropout = BiEncoder.load(dropping, EncoderOptions.defaults());
        BiEncoder without = BiEncoder.load(plain, EncoderOptions.defaults())) {
      MarginMseLoss loss = loss(withDropout);
      float seeded = loss.backward(batch, 5L);
      float again = loss.backward(batch, 5L);
      float otherSeed = loss.backward(batch, 6L);
      float noDropout = loss(without).backward(batch, 5L);

      assertThat(Float.floatToIntBits(again)).isEqualTo(Float.floatToIntBits(seeded));
      assertThat(otherSeed).isNotEqualTo(seeded);
      assertThat(noDropout).isNotEqualTo(seeded);
      // evaluation and encoding are inference passes: the same weights give the same numbers
      assertThat(loss.evaluate(batch)).isEqualTo(loss(without).evaluate(batch));
      List<float[]> a = withDropout.encodeQueries(TEXTS);
      List<float[]> b = without.encodeQueries(TEXTS);
      for (int i = 0; i < TEXTS.size(); i++) {
        assertThat(a.get(i)).containsExactly(b.get(i));
      }
    }
  }

  private static MarginMseLoss loss(BiEncoder encoder) {
    return new MarginMseLoss(encoder, encoder.tokenizer(), Similarity.COSINE, 1f);
  }
}
