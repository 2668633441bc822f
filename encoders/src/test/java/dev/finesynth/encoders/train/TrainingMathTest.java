package dev.finesynth.encoders.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import dev.finesynth.encoders.model.SentenceEmbedder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Optimizer, schedule and clipping against numbers computed by hand. */
class TrainingMathTest {

  @Test
  void linearScheduleWarmsUpThenDecaysToZero() {
    LinearSchedule s = new LinearSchedule(1e-3, 2, 6);
    float[] expected = {0f, 5e-4f, 1e-3f, 7.5e-4f, 5e-4f, 2.5e-4f, 0f, 0f};
    for (int k = 0; k < expected.length; k++) {
      assertThat(s.learningRate(k)).as("step %d", k).isCloseTo(expected[k], within(1e-10f));
    }
    LinearSchedule noWarmup = new LinearSchedule(2e-5, 0, 4);
    assertThat(noWarmup.learningRate(0)).isEqualTo(2e-5f);
    assertThat(noWarmup.learningRate(1)).isCloseTo(1.5e-5f, within(1e-12f));
    assertThat(noWarmup.learningRate(3)).isCloseTo(0.5e-5f, within(1e-12f));
    LinearSchedule constant = new LinearSchedule(1e-4, 1, 0);
    assertThat(constant.learningRate(0)).isZero();
    assertThat(constant.learningRate(1000)).isEqualTo(1e-4f);
  }

  @Test
  void adamWDecaysWeightsButNotBiasesOrLayerNorm() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray w = manager.create(new float[] {1.0f, -2.0f});
      NDArray norm = manager.create(new float[] {0.5f, 0.5f});
      NDArray bias = manager.create(new float[] {0.3f});
      List<TrainableParameter> params =
          List.of(
              new TrainableParameter("dense.weight", w, true),
              new TrainableParameter("LayerNorm.weight", norm, false),
              new TrainableParameter("dense.bias", bias, false));
      var settings = new AdamOptimizer.Settings(OptimizerKind.ADAMW, 0.1f, 0.9f, 0.999f, 1e-8f);
      try (AdamOptimizer adam = new AdamOptimizer(params, settings, manager)) {
        // step 1: m^ = g, sqrt(v^) = |g|, so each weight moves by lr * sign(g), after decay
        adam.update(0.1f, grads(manager, new float[] {0.1f, -0.2f}, new float[] {0.4f, 0f}, 0.3f));
        assertThat(floats(w)).containsExactly(new float[] {0.89f, -1.88f}, within(1e-6f));
        assertThat(floats(norm)).containsExactly(new float[] {0.4f, 0.5f}, within(1e-6f));
        assertThat(floats(bias)).containsExactly(new float[] {0.2f}, within(1e-6f));

        // step 2, w[0] with g = 0.3 (after step 1: m = 0.01, v = 1e-5):
        //   m = 0.9 * 0.01 + 0.1 * 0.3 = 0.039, v = 0.999 * 1e-5 + 0.001 * 0.09 = 9.999e-5
        //   m^ = 0.039 / 0.19 = 0.205263, sqrt(v^) = sqrt(9.999e-5 / 0.001999) = 0.223652
        //   w = 0.89 * (1 - 0.1 * 0.1) - 0.1 * 0.205263 / 0.223652 = 0.789322
        adam.update(0.1f, grads(manager, new float[] {0.3f, -0.2f}, new float[] {0f, 0f}, 0f));
        assertThat(floats(w)[0]).isCloseTo(0.789322f, within(2e-6f));
        // the LayerNorm weight with g = 0 now (after step 1: m = 0.04, v = 1.6e-4), no decay:
        //   m = 0.036, v = 1.5984e-4, m^ = 0.189474, sqrt(v^) = 0.282772 -> 0.4 - 0.067006
        assertThat(floats(norm)[0]).isCloseTo(0.332994f, within(2e-6f));
        assertThat(adam.step()).isEqualTo(2);
      }
    }
  }

  @Test
  void adamAddsWeightDecayToTheGradient() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray w = manager.create(new float[] {1.0f, -2.0f});
      NDArray bias = manager.create(new float[] {1.0f});
      List<TrainableParameter> params =
          List.of(new TrainableParameter("w", w, true), new TrainableParameter("b", bias, false));
      var settings = new AdamOptimizer.Settings(OptimizerKind.ADAM, 0.1f, 0.9f, 0.999f, 1e-8f);
      try (AdamOptimizer adam = new AdamOptimizer(params, settings, manager)) {
        List<NDArray> g =
            List.of(
                manager.create(new float[] {0.1f, -0.2f}), manager.create(new float[] {-0.05f}));
        adam.update(0.1f, g);
        // g' = g + 0.1 w = (0.2, -0.4): w moves by lr * sign(g'); the bias gets no decay
        assertThat(floats(w)).containsExactly(new float[] {0.9f, -1.9f}, within(1e-6f));
        assertThat(floats(bias)).containsExactly(new float[] {1.1f}, within(1e-6f));
        // step 2 with g = (0, 0): g' = 0.1 w = (0.09, -0.19)
        //   w[0]: m = 0.9 * 0.02 + 0.1 * 0.09 = 0.027, v = 0.999 * 4e-5 + 0.001 * 0.0081 =
        // 4.8060e-5
        //   m^ = 0.027 / 0.19 = 0.142105, sqrt(v^) = sqrt(4.806e-5 / 0.001999) = 0.155056
        //   w = 0.9 - 0.1 * 0.142105 / 0.155056 = 0.808352
        adam.update(
            0.1f, List.of(manager.create(new float[] {0f, 0f}), manager.create(new float[] {0f})));
        assertThat(floats(w)[0]).isCloseTo(0.808352f, within(2e-6f));
      }
    }
  }

  @Test
  void decayExcludesBiasesAndLayerNormsOfTheModel() {
    try (NDManager manager = NDManager.newBaseManager()) {
      SentenceEmbedder block =
          new SentenceEmbedder(
              TinyBert.config(),
              dev.finesynth.encoders.config.SentenceConfig.of(
                      dev.finesynth.encoders.config.PoolingMode.MEAN, true)
                  .withDense(List.of(dev.finesynth.encoders.config.DenseConfig.tanh(32, 8))));
      block.initialize(
          manager, ai.djl.ndarray.types.DataType.FLOAT32, new ai.djl.ndarray.types.Shape(1, 1));
      List<TrainableParameter> params = TrainableParameter.of(block);
      // embeddings 5, each layer 16, the Dense module 2
      assertThat(params).hasSize(5 + 2 * 16 + 2);
      for (TrainableParameter p : params) {
        boolean excluded = p.name().endsWith(".bias") || p.name().contains("LayerNorm");
        assertThat(p.decay()).as(p.name()).isEqualTo(!excluded);
      }
      assertThat(params)
          .filteredOn(TrainableParameter::decay)
          .extracting(TrainableParameter::name)
          .contains(
              "embeddings.word_embeddings.weight",
              "encoder.layer.0.attention.self.query.weight",
              "dense.0.linear.weight")
          .doesNotContain("embeddings.LayerNorm.weight", "encoder.layer.1.output.LayerNorm.weight");
    }
  }

  @Test
  void clipsByTheGlobalNorm() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray a = manager.create(new float[] {3f, 0f});
      NDArray b = manager.create(new float[] {4f});
      List<NDArray> grads = Arrays.asList(a, null, b);
      assertThat(GradientClipping.clipByGlobalNorm(grads, 10)).isCloseTo(5.0, within(1e-6));
      assertThat(floats(a)).containsExactly(3f, 0f);
      assertThat(GradientClipping.clipByGlobalNorm(grads, 1)).isCloseTo(5.0, within(1e-6));
      // coefficient 1 / (5 + 1e-6)
      assertThat(floats(a)).containsExactly(new float[] {0.6f, 0f}, within(1e-6f));
      assertThat(floats(b)).containsExactly(new float[] {0.8f}, within(1e-6f));
      assertThat(GradientClipping.globalNorm(grads)).isCloseTo(1.0, within(1e-6));
    }
  }

  @Test
  void shuffledOrderDependsOnlyOnSeedAndEpoch() {
    List<String> queries = IntStream.range(0, 10).mapToObj(i -> "q" + i).toList();
    int[] first = ShuffledBatches.order(queries, 42, 3, 1);
    assertThat(ShuffledBatches.order(queries, 42, 3, 1)).isEqualTo(first);
    assertThat(ShuffledBatches.order(queries, 42, 4, 1)).isNotEqualTo(first);
    assertThat(ShuffledBatches.order(queries, 43, 3, 1)).isNotEqualTo(first);
    assertThat(Arrays.stream(first).sorted().toArray())
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(ShuffledBatches.order(4)).containsExactly(0, 1, 2, 3);
  }

  @Test
  void tripletsOfAQueryStayTogetherInEvenRuns() {
    // 3 queries with 19, 5 and 1 triplets, interleaved as a dataset would have them
    List<String> queries = new ArrayList<>();
    for (int i = 0; i < 19; i++) {
      queries.add("a");
      if (i < 5) {
        queries.add("b");
      }
    }
    queries.add("c");
    int[] order = ShuffledBatches.order(queries, 7, 0, 8);
    assertThat(Arrays.stream(order).sorted().toArray())
        .isEqualTo(IntStream.range(0, queries.size()).toArray());
    List<Integer> runLengths = new ArrayList<>();
    for (int i = 0; i < order.length; ) {
      int j = i;
      while (j < order.length && queries.get(order[j]).equals(queries.get(order[i]))) {
        j++;
      }
      runLengths.add(j - i);
      i = j;
    }
    // a: 6, 6, 7 (in some order; two runs of "a" may also meet), b: 5, c: 1
    assertThat(runLengths.stream().mapToInt(Integer::intValue).sum()).isEqualTo(25);
    assertThat(runLengths).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(14));
    assertThat(runLengths).contains(5, 1);
    assertThat(ShuffledBatches.order(queries, 7, 0, 8)).isEqualTo(order);
    assertThat(ShuffledBatches.order(queries, 7, 1, 8)).isNotEqualTo(order);
    // one triplet per run is the plain shuffle
    assertThat(ShuffledBatches.order(queries, 7, 0, 1)).isNotEqualTo(order);
  }

  @Test
  void wholeQueryBatchesHoldWholeCandidateLists() {
    List<MarginTriplet> data = new ArrayList<>();
    for (int n = 0; n < 5; n++) {
      for (String q : List.of("q1", "q2", "q3", "q4")) {
        data.add(new MarginTriplet(q, "pos " + q, "neg " + n, 0.1f * n));
      }
    }
    // 12 rounds to two lists of 5
    ShuffledBatches batches = ShuffledBatches.wholeQueries(data, 12, 3, true);
    assertThat(batches.batchSize()).isEqualTo(10);
    assertThat(batches.tripletsPerQuery()).isEqualTo(5);
    for (int epoch = 0; epoch < 3; epoch++) {
      for (int b = 0; b < batches.batchesPerEpoch(); b++) {
        Map<String, Long> perQuery =
            batches.batch(epoch, b).stream()
                .collect(Collectors.groupingBy(MarginTriplet::query, Collectors.counting()));
        assertThat(perQuery).hasSize(2).allSatisfy((q, count) -> assertThat(count).isEqualTo(5));
      }
    }
    // a batch size a little below one list still takes one whole list
    assertThat(ShuffledBatches.wholeQueries(data, 4, 3, true).batchSize()).isEqualTo(5);
    // lists far longer than a batch are cut into runs of the batch size: memory stays bounded
    ShuffledBatches small = ShuffledBatches.wholeQueries(data, 2, 3, true);
    assertThat(small.batchSize()).isEqualTo(2);
    assertThat(small.tripletsPerQuery()).isEqualTo(2);
    assertThat(small.longestList()).isEqualTo(5);
  }

  private static List<NDArray> grads(NDManager m, float[] w, float[] norm, float bias) {
    return List.of(m.create(w), m.create(norm), m.create(new float[] {bias}));
  }

  private static float[] floats(NDArray a) {
    return ((PtNDArray) a).toFloatArray();
  }
}
