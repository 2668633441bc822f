package dev.finesynth.evaluation.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Every expected value is worked out by hand in the comment above it. log2(3) = 1.5849625. */
class RetrievalEvaluatorTest {
  private static final Offset<Double> EPS = within(1e-9);
  private static final double LOG2_3 = Math.log(3) / Math.log(2);

  private static RetrievalReport ranked(
      Map<String, Map<String, Integer>> qrels, List<String> ranking, int... ks) {
    return RetrievalEvaluator.builder()
        .optKs(ks)
        .build()
        .evaluateRanked(qrels, Map.of("q", ranking));
  }

  @Test
  void perfectRanking() {
    // relevant {a, b}, ranking a b c
    RetrievalReport r =
        ranked(Map.of("q", Map.of("a", 1, "b", 1)), List.of("a", "b", "c"), 1, 2, 5);
    // @1: 1 of 1 retrieved relevant; 1 of 2 relevant found; F1 = 2*1*0.5/1.5 = 2/3
    assertThat(r.mean(Metric.PRECISION, 1)).isCloseTo(1.0, EPS);
    assertThat(r.mean(Metric.RECALL, 1)).isCloseTo(0.5, EPS);
    assertThat(r.mean(Metric.F1, 1)).isCloseTo(2.0 / 3, EPS);
    // MAP@1 = P@1 / min(1, 2) = 1; NDCG@1 = (1/log2 2) / (1/log2 2) = 1
    assertThat(r.mean(Metric.MAP, 1)).isCloseTo(1.0, EPS);
    assertThat(r.mean(Metric.NDCG, 1)).isCloseTo(1.0, EPS);
    // @2: everything 1; DCG@2 = 1 + 1/log2(3) = 1.6309298
    for (Metric m : List.of(Metric.PRECISION, Metric.RECALL, Metric.F1, Metric.HIT, Metric.MAP)) {
      assertThat(r.mean(m, 2)).as(m.at(2)).isCloseTo(1.0, EPS);
    }
    assertThat(r.mean(Metric.DCG, 2)).isCloseTo(1 + 1 / LOG2_3, EPS);
    // @5: P = 2/5; R = 1; F1 = 2*0.4*1/1.4 = 4/7; MAP = (1/1 + 2/2) / min(5, 2) = 1
    assertThat(r.mean(Metric.PRECISION, 5)).isCloseTo(0.4, EPS);
    assertThat(r.mean(Metric.F1, 5)).isCloseTo(4.0 / 7, EPS);
    assertThat(r.mean(Metric.MAP, 5)).isCloseTo(1.0, EPS);
    assertThat(r.mean(Metric.MRR, 5)).isCloseTo(1.0, EPS);
    assertThat(r.mean(Metric.NDCG, 5)).isCloseTo(1.0, EPS);
  }

  @Test
  void allMiss() {
    RetrievalReport r = ranked(Map.of("q", Map.of("a", 1)), List.of("x", "y", "z"), 3);
    for (Metric m : Metric.values()) {
      assertThat(r.mean(m, 3)).as(m.at(3)).isZero();
    }
    assertThat(r.evaluatedQueries()).isEqualTo(1);
  }

  @Test
  void relevantAtRankThree() {
    // relevant {c}, ranking a b c d
    RetrievalReport r = ranked(Map.of("q", Map.of("c", 1)), List.of("a", "b", "c", "d"), 1, 3, 5);
    for (Metric m : Metric.values()) {
      assertThat(r.mean(m, 1)).as(m.at(1)).isZero();
    }
    // @3: P = 1/3; R = 1; F1 = 2*(1/3)*1/(4/3) = 1/2; MRR = 1/3
    // MAP = (1/3) / min(3, 1) = 1/3; DCG = 1/log2(4) = 1/2; IDCG = 1; NDCG = 1/2
    assertThat(r.mean(Metric.PRECISION, 3)).isCloseTo(1.0 / 3, EPS);
    assertThat(r.mean(Metric.RECALL, 3)).isCloseTo(1.0, EPS);
    assertThat(r.mean(Metric.F1, 3)).isCloseTo(0.5, EPS);
    assertThat(r.mean(Metric.HIT, 3)).isCloseTo(1.0, EPS);
    assertThat(r.mean(Metric.MRR, 3)).isCloseTo(1.0 / 3, EPS);
    assertThat(r.mean(Metric.MAP, 3)).isCloseTo(1.0 / 3, EPS);
    assertThat(r.mean(Metric.DCG, 3)).isCloseTo(0.5, EPS);
    assertThat(r.mean(Metric.NDCG, 3)).isCloseTo(0.5, EPS);
    // @5: P = 1/5; F1 = 2*0.2*1/1.2 = 1/3; the rest as @3
    assertThat(r.mean(Metric.PRECISION, 5)).isCloseTo(0.2, EPS);
    assertThat(r.mean(Metric.F1, 5)).isCloseTo(1.0 / 3, EPS);
    assertThat(r.mean(Metric.NDCG, 5)).isCloseTo(0.5, EPS);
  }

  @Test
  void tiesBreakByDocumentIdDescendingWhateverTheInputOrder() {
    // scores c 0.9, a 0.5, b 0.5: the tie a/b goes to the larger id, so the order is c b a
    // relevant {b} sits at rank 2: MRR = 1/2, NDCG = (1/log2 3) / 1 = 0.6309298
    Map<String, Map<String, Integer>> qrels = Map.of("q", Map.of("b", 1));
    RetrievalEvaluator evaluator = RetrievalEvaluator.builder().build();
    List<ScoredDoc> one =
        List.of(new ScoredDoc("a", 0.5), new ScoredDoc("b", 0.5), new ScoredDoc("c", 0.9));
    List<ScoredDoc> other =
        List.of(new ScoredDoc("b", 0.5), new ScoredDoc("c", 0.9), new ScoredDoc("a", 0.5));
    for (List<ScoredDoc> run : List.of(one, other)) {
      RetrievalReport r = evaluator.evaluate(qrels, Map.of("q", run));
      assertThat(r.mean(Metric.MRR, 10)).isCloseTo(0.5, EPS);
      assertThat(r.mean(Metric.NDCG, 10)).isCloseTo(1 / LOG2_3, EPS);
    }
    assertThat(Rankings.order(other)).containsExactly("c", "b", "a");
  }

  @Test
  void queriesWithoutRelevantJudgmentsAreSkippedAndCounted() {
    // q1 relevant {a}, found at rank 1 -> MRR 1
    // q2 only a zero judgment, q3 no judgments, q4 in the run only: 3 skipped
    // q5 relevant {a} but absent from the run: evaluated, scores 0 -> mean MRR = (1 + 0)/2
    Map<String, Map<String, Integer>> qrels =
        Map.of(
            "q1", Map.of("a", 1),
            "q2", Map.of("b", 0, "c", -1),
            "q3", Map.of(),
            "q5", Map.of("a", 1));
    Map<String, List<String>> run =
        Map.of("q1", List.of("a"), "q2", List.of("b", "c"), "q4", List.of("a"));
    RetrievalReport r = RetrievalEvaluator.builder().build().evaluateRanked(qrels, run);
    assertThat(r.evaluatedQueries()).isEqualTo(2);
    assertThat(r.skippedQueries()).isEqualTo(3);
    assertThat(r.perQuery()).containsOnlyKeys("q1", "q5");
    assertThat(r.mean(Metric.MRR, 10)).isCloseTo(0.5, EPS);
    assertThat(r.value("q5", Metric.RECALL, 10)).isZero();
  }

  @Test
  void gradedRelevanceNdcg() {
    // ranking A B C D with relevance 3 2 0 1; E (-1) is judged but not relevant
    Map<String, Map<String, Integer>> qrels =
        Map.of("q", Map.of("A", 3, "B", 2, "C", 0, "D", 1, "E", -1));
    List<String> ranking = List.of("A", "B", "C", "D");
    // linear: DCG@4 = 3/1 + 2/log2 3 + 0/2 + 1/log2 5 = 3 + 1.2618595 + 0.4306766 = 4.6925361
    // IDCG@4 (3 2 1 from the judgments) = 3 + 1.2618595 + 1/log2 4 = 4.7618595
    // NDCG@4 = 4.6925361 / 4.7618595 = 0.9854419; @2 the ranking is ideal -> 1
    RetrievalReport linear = ranked(qrels, ranking, 2, 4);
    assertThat(linear.mean(Metric.DCG, 4)).isCloseTo(4.692536065216308, EPS);
    assertThat(linear.mean(Metric.NDCG, 4)).isCloseTo(0.9854419388428785, EPS);
    assertThat(linear.mean(Metric.NDCG, 2)).isCloseTo(1.0, EPS);
    // three relevant (A B D), three of the top 4 relevant
    assertThat(linear.mean(Metric.RECALL, 4)).isCloseTo(1.0, EPS);
    assertThat(linear.mean(Metric.PRECISION, 4)).isCloseTo(0.75, EPS);
    // exponential 2^rel - 1: DCG = 7 + 3/log2 3 + 1/log2 5 = 9.3234658
    // IDCG = 7 + 3/log2 3 + 1/2 = 9.3927893; NDCG = 0.9926195
    RetrievalReport exponential =
        RetrievalEvaluator.builder()
            .optKs(4)
            .optGain(Gain.EXPONENTIAL)
            .build()
            .evaluateRanked(qrels, Map.of("q", ranking));
    assertThat(exponential.mean(Metric.NDCG, 4)).isCloseTo(0.992619504174702, EPS);
  }

  @Test
  void kLargerThanTheRetrievedList() {
    // relevant {a, b}; only a x retrieved; k = 100
    RetrievalReport r = ranked(Map.of("q", Map.of("a", 1, "b", 1)), List.of("a", "x"), 100);
    // P = 1/100 (divides by k); R = 1/2; MAP = (1/1) / min(100, 2) = 1/2
    // NDCG = 1 / (1 + 1/log2 3) = 1 / 1.6309298 = 0.6131472 (ideal DCG has b too)
    assertThat(r.mean(Metric.PRECISION, 100)).isCloseTo(0.01, EPS);
    assertThat(r.mean(Metric.RECALL, 100)).isCloseTo(0.5, EPS);
    assertThat(r.mean(Metric.MAP, 100)).isCloseTo(0.5, EPS);
    assertThat(r.mean(Metric.HIT, 100)).isCloseTo(1.0, EPS);
    assertThat(r.mean(Metric.NDCG, 100)).isCloseTo(0.6131471927654584, EPS);
  }

  @Test
  void duplicatedDocumentsCountOnce() {
    // ranking x a a b -> x a b (the repeat takes no slot); relevant {a, b}; k = 3
    // P = 2/3; R = 1; MAP = (1/2 + 2/3) / 2 = 7/12
    // NDCG = (1/log2 3 + 1/log2 4) / (1 + 1/log2 3) = 1.1309298 / 1.6309298 = 0.6934264
    Map<String, Map<String, Integer>> qrels = Map.of("q", Map.of("a", 1, "b", 1));
    RetrievalReport r = ranked(qrels, List.of("x", "a", "a", "b"), 3);
    assertThat(r.mean(Metric.PRECISION, 3)).isCloseTo(2.0 / 3, EPS);
    assertThat(r.mean(Metric.RECALL, 3)).isCloseTo(1.0, EPS);
    assertThat(r.mean(Metric.MAP, 3)).isCloseTo(7.0 / 12, EPS);
    assertThat(r.mean(Metric.NDCG, 3)).isCloseTo(0.6934264036172708, EPS);
    // scored: a repeated with a low score keeps its best rank -> a b, both relevant
    RetrievalReport scored =
        RetrievalEvaluator.builder()
            .optKs(2)
            .build()
            .evaluate(
                qrels,
                Map.of(
                    "q",
                    List.of(
                        new ScoredDoc("a", 0.9),
                        new ScoredDoc("a", 0.1),
                        new ScoredDoc("b", 0.5))));
    assertThat(scored.mean(Metric.PRECISION, 2)).isCloseTo(1.0, EPS);
  }

  @Test
  void averagePrecisionNormalizers() {
    // relevant {a, b, c}; ranking a b; k = 2; precision sum = 1/1 + 2/2 = 2
    // sentence-transformers: 2 / min(2, 3) = 1; trec_eval map_cut: 2 / 3
    Map<String, Map<String, Integer>> qrels = Map.of("q", Map.of("a", 1, "b", 1, "c", 1));
    Map<String, List<String>> run = Map.of("q", List.of("a", "b"));
    RetrievalEvaluator.Builder builder = RetrievalEvaluator.builder().optKs(2);
    assertThat(builder.build().evaluateRanked(qrels, run).mean(Metric.MAP, 2)).isCloseTo(1.0, EPS);
    assertThat(
            builder
                .optAveragePrecision(AveragePrecisionNormalizer.ALL_RELEVANT)
                .build()
                .evaluateRanked(qrels, run)
                .mean(Metric.MAP, 2))
        .isCloseTo(2.0 / 3, EPS);
  }

  @Test
  void meansAverageOverQueries() {
    // q1 hit at rank 1 (MRR 1), q2 at rank 4 (MRR 1/4): mean 5/8; default k is 10
    RetrievalReport r =
        RetrievalEvaluator.builder()
            .build()
            .evaluateRanked(
                Map.of("q1", Map.of("a", 1), "q2", Map.of("d", 2)),
                Map.of("q1", List.of("a"), "q2", List.of("a", "b", "c", "d")));
    assertThat(r.ks()).containsExactly(10);
    assertThat(r.mean(Metric.MRR, 10)).isCloseTo(0.625, EPS);
    assertThat(r.value("q2", Metric.MRR, 10)).isCloseTo(0.25, EPS);
  }
}
