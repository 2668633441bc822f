package dev.finesynth.encoders.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finesynth.encoders.BiEncoder;
import dev.finesynth.encoders.BundledModels;
import dev.finesynth.encoders.EncoderOptions;
import dev.finesynth.encoders.model.StateDict;
import dev.finesynth.encoders.weights.TensorMap;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A few MarginMSE steps of batch 16 on the bundled all-MiniLM-L6-v2, kept short: the loss is
 * finite, the weights move, and examples/s and peak RSS are reported.
 */
class MiniLmTrainingTest {
  private static final String[] TOPICS = {
    "Kafka partitions are ordered, append-only logs that consumers read at their own pace.",
    "Photosynthesis converts light energy into chemical energy stored in glucose.",
    "The Eiffel Tower was completed in 1889 for the World's Fair in Paris.",
    "Rayleigh scattering makes the sky appear blue during the day.",
    "Vitamin D deficiency can cause fatigue, bone pain and muscle weakness.",
    "A hash map gives constant-time lookups on average by hashing keys into buckets.",
    "The mitochondria produce most of the chemical energy that powers a cell.",
    "Interest rates rise when central banks try to slow down inflation.",
  };

  private static List<MarginTriplet> triplets(int n) {
    List<MarginTriplet> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String positive = TOPICS[i % TOPICS.length];
      String negative = TOPICS[(i + 3) % TOPICS.length];
      String query = "what does this say about " + positive.split(" ")[1 + i % 3] + " " + i;
      out.add(new MarginTriplet(query, positive, negative, 2f + (i % 5) * 0.5f));
    }
    return out;
  }

  @ParameterizedTest(name = "freeze word embeddings: {0}")
  @ValueSource(booleans = {false, true})
  void batchOf16(boolean freezeWordEmbeddings) {
    try (BiEncoder encoder = BundledModels.load("all-minilm-l6-v2", EncoderOptions.defaults())) {
      TensorMap before = StateDict.export(encoder.block());
      List<TrainingProgress> steps = new ArrayList<>();
      try (MarginMseTrainer trainer =
          MarginMseTrainer.builder()
              .setEncoder(encoder)
              .setTrainingData(triplets(48))
              .optBatchSize(16)
              .optLearningRate(2e-5)
              .optFreezeWordEmbeddings(freezeWordEmbeddings)
              .optProgressListener(steps::add)
              .build()) {
        trainer.trainEpoch();
      }
      assertThat(steps).hasSize(3).allSatisfy(p -> assertThat(p.loss()).isFinite().isPositive());
      String query = "encoder.layer.5.attention.self.query.weight";
      assertThat(StateDict.export(encoder.block()).get(query)).isNotEqualTo(before.get(query));
      // the first step pays for warming up the engine: report the later ones
      double seconds = steps.get(1).stepSeconds() + steps.get(2).stepSeconds();
      TrainingProgress last = steps.get(2);
      System.out.printf(
          "MiniLM MarginMSE batch 16, frozen word embeddings %s: %.2f s/step, %.1f examples/s,"
              + " peak RSS %d MiB, loss %.3f -> %.3f%n",
          freezeWordEmbeddings,
          seconds / 2,
          32 / seconds,
          last.peakRssBytes() >> 20,
          steps.get(0).loss(),
          last.loss());
    }
  }
}
