package dev.finesynth.evaluation.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Scores one query's ranking against its judgments, at every cut-off, with every metric. */
final class QueryScorer {
  private static final double LN2 = Math.log(2);

  private final Map<String, Integer> judgments;
  private final int relevantCount;
  private final int[] idealRelevances; // positive relevances, best first
  private final AveragePrecisionNormalizer apNormalizer;
  private final Gain gain;

  QueryScorer(Map<String, Integer> judgments, AveragePrecisionNormalizer apNormalizer, Gain gain) {
    this.judgments = judgments;
    this.idealRelevances =
        judgments.values().stream()
            .filter(rel -> rel > 0)
            .sorted((a, b) -> Integer.compare(b, a))
            .mapToInt(Integer::intValue)
            .toArray();
    this.relevantCount = idealRelevances.length;
    this.apNormalizer = apNormalizer;
    this.gain = gain;
  }

  boolean hasRelevant() {
    return relevantCount > 0;
  }

  /** Metric values keyed by {@link Metric#at(int)}; {@code rankedIds} is best first, distinct. */
  Map<String, Double> score(List<String> rankedIds, List<Integer> ks) {
    Map<String, Double> values = new LinkedHashMap<>();
    for (int k : ks) {
      int relevantRetrieved = 0;
      int firstRelevantRank = 0;
      double precisionSum = 0;
      double dcg = 0;
      int depth = Math.min(k, rankedIds.size());
      for (int i = 0; i < depth; i++) {
        int rel = judgments.getOrDefault(rankedIds.get(i), 0);
        if (rel <= 0) {
          continue;
        }
        int rank = i + 1;
        relevantRetrieved++;
        precisionSum += (double) relevantRetrieved / rank;
        if (firstRelevantRank == 0) {
          firstRelevantRank = rank;
        }
        dcg += gain.of(rel) / log2(rank + 1);
      }
      // precision divides by k, not by what was retrieved: a short list is not rewarded
      double precision = (double) relevantRetrieved / k;
      double recall = (double) relevantRetrieved / relevantCount;
      values.put(Metric.PRECISION.at(k), precision);
      values.put(Metric.RECALL.at(k), recall);
      values.put(
          Metric.F1.at(k),
          relevantRetrieved == 0 ? 0 : 2 * precision * recall / (precision + recall));
      values.put(Metric.HIT.at(k), relevantRetrieved > 0 ? 1.0 : 0.0);
      values.put(Metric.MAP.at(k), precisionSum / apNormalizer.denominator(k, relevantCount));
      values.put(Metric.MRR.at(k), firstRelevantRank == 0 ? 0 : 1.0 / firstRelevantRank);
      values.put(Metric.DCG.at(k), dcg);
      values.put(Metric.NDCG.at(k), dcg / idealDcg(k));
    }
    return values;
  }

  /** From the judgments, not the retrieved list, so missing relevant documents cost NDCG. */
  private double idealDcg(int k) {
    double ideal = 0;
    for (int i = 0; i < Math.min(k, idealRelevances.length); i++) {
      ideal += gain.of(idealRelevances[i]) / log2(i + 2);
    }
    return ideal;
  }

  private static double log2(int x) {
    return Math.log(x) / LN2;
  }
}
