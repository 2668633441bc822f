package dev.finesynth.encoders.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import dev.finesynth.encoders.BiEncoder;
import dev.finesynth.encoders.EncoderOptions;
import dev.finesynth.encoders.Vectors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
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

  /** The listwise term adds, per query, the KL from the teacher's softmax to the student's. */
  @Test
  void listwiseTermIsTheMeanKlPerQueryOfTheBatch() {
    Path folder =
        TinyBert.write(
            dir.resolve("tiny"), TinyBert.Spec.defaults().withPrefixes("query: ", "passage: "));
    List<MarginTriplet> batch = listwiseBatch();
    ListwiseKl listwise = new ListwiseKl(1.5f, 0.1f);
    float scale = 2f;
    try (BiEncoder encoder = BiEncoder.load(folder, EncoderOptions.defaults())) {
      MarginMseLoss plain =
          new MarginMseLoss(encoder, encoder.tokenizer(), Similarity.COSINE, scale);
      MarginMseLoss both =
          new MarginMseLoss(encoder, encoder.tokenizer(), Similarity.COSINE, scale, listwise);

      // the reference, from the student's own embeddings, one query at a time
      Map<String, List<MarginTriplet>> byQuery = new LinkedHashMap<>();
      batch.forEach(t -> byQuery.computeIfAbsent(t.query(), q -> new ArrayList<>()).add(t));
      double klSum = 0;
      for (List<MarginTriplet> list : byQuery.values()) {
        float[] q = encoder.encodeQueries(List.of(list.get(0).query())).get(0);
        List<String> candidates = new ArrayList<>(List.of(list.get(0).positive()));
        list.forEach(t -> candidates.add(t.negative()));
        List<float[]> passages = encoder.encodePassages(candidates);
        double[] student = new double[candidates.size()];
        double[] teacher = new double[candidates.size()];
        for (int c = 0; c < candidates.size(); c++) {
          student[c] = scale * Vectors.cosine(q, passages.get(c)) / listwise.temperature();
          teacher[c] = c == 0 ? 0 : -list.get(c - 1).margin() / listwise.temperature();
        }
        double[] p = logSoftmax(teacher);
        double[] logQ = logSoftmax(student);
        for (int c = 0; c < p.length; c++) {
          klSum += Math.exp(p[c]) * (p[c] - logQ[c]);
        }
      }
      double expected = listwise.weight() * klSum / byQuery.size();

      assertThat(expected).isPositive();
      assertThat((double) both.evaluate(batch) - plain.evaluate(batch))
          .isCloseTo(expected, within(1e-4 + 1e-3 * expected));
    }
  }

  /** The gradients of MarginMSE plus the listwise term are those of finite differences. */
  @Test
  void listwiseGradientsMatchFiniteDifferences() {
    Path folder = TinyBert.write(dir.resolve("tiny"), TinyBert.Spec.defaults());
    List<MarginTriplet> batch = listwiseBatch();
    try (BiEncoder encoder = BiEncoder.load(folder, EncoderOptions.defaults())) {
      MarginMseLoss loss =
          new MarginMseLoss(
              encoder, encoder.tokenizer(), Similarity.COSINE, 2f, new ListwiseKl(2f, 0.1f));
      List<TrainableParameter> params = TrainableParameter.of(encoder.block());
      loss.backward(batch);
      Map<String, float[]> grads = MarginMseLossGcTest.gradients(params);

      // the three largest gradient entries of the whole model
      List<int[]> largest = new ArrayList<>();
      for (int i = 0; i < params.size(); i++) {
        float[] g = grads.get(params.get(i).name());
        for (int j = 0; j < g.length; j++) {
          largest.add(new int[] {i, j});
        }
      }
      largest.sort(
          Comparator.comparingDouble(
              (int[] a) -> -Math.abs(grads.get(params.get(a[0]).name())[a[1]])));
      float h = 1e-2f;
      for (int[] at : largest.subList(0, 3)) {
        NDArray weights = params.get(at[0]).array();
        nudge(weights, at[1], h);
        double up = loss.evaluate(batch);
        nudge(weights, at[1], -2 * h);
        double down = loss.evaluate(batch);
        nudge(weights, at[1], h);
        double numeric = (up - down) / (2 * h);
        double analytic = grads.get(params.get(at[0]).name())[at[1]];
        assertThat(numeric)
            .as("%s[%d]", params.get(at[0]).name(), at[1])
            .isCloseTo(analytic, within(0.05 * Math.abs(analytic)));
      }
    }
  }

  /** Three queries with three, two and one negatives, margins of cosine size. */
  private static List<MarginTriplet> listwiseBatch() {
    return List.of(
        new MarginTriplet("what is kafka", "kafka is a log", "the cat sleeps", 0.30f),
        new MarginTriplet("where is paris", "paris is the capital", "the cat sleeps", 0.25f),
        new MarginTriplet("what is kafka", "kafka is a log", "a green tree", 0.05f),
        new MarginTriplet("how do birds fly", "a bird flies", "a green tree", 0.10f),
        new MarginTriplet("what is kafka", "kafka is a log", "the broker", -0.02f),
        new MarginTriplet("where is paris", "paris is the capital", "kafka is a log", 0.12f));
  }

  private static void nudge(NDArray weights, int index, float delta) {
    float[] values = weights.toFloatArray();
    values[index] += delta;
    try (GradMode off = GradMode.off()) {
      weights.set(values);
    }
  }

  private static double[] logSoftmax(double[] logits) {
    double max = Arrays.stream(logits).max().orElseThrow();
    double log = Math.log(Arrays.stream(logits).map(l -> Math.exp(l - max)).sum()) + max;
    return Arrays.stream(logits).map(l -> l - log).toArray();
  }
}
