package dev.finesynth.evaluation.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Computes precision, recall, F1, hit, MAP, MRR, DCG and NDCG at each cut-off k, with the
 * definitions of pytrec_eval (BEIR) and sentence-transformers' InformationRetrievalEvaluator.
 *
 * <p>Which queries count: every query with at least one judgment of relevance &gt; 0 is evaluated;
 * a query the run has no ranking for scores 0 everywhere (like trec_eval {@code -c}), so a
 * retriever cannot look better by dropping hard queries. Queries in the qrels or the run without a
 * relevant judgment are left out of the means and counted as skipped.
 */
public final class RetrievalEvaluator {
  private final List<Integer> ks;
  private final AveragePrecisionNormalizer apNormalizer;
  private final Gain gain;

  private RetrievalEvaluator(Builder builder) {
    this.ks = List.copyOf(new TreeSet<>(builder.ks));
    this.apNormalizer = builder.apNormalizer;
    this.gain = builder.gain;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Scored run: each list is ordered by {@link ScoredDoc#BEST_FIRST} before scoring. */
  public RetrievalReport evaluate(
      Map<String, Map<String, Integer>> qrels, Map<String, List<ScoredDoc>> run) {
    return score(qrels, run.keySet(), query -> Rankings.order(run.getOrDefault(query, List.of())));
  }

  /** Run already ordered best first; only repeated ids are dropped. */
  public RetrievalReport evaluateRanked(
      Map<String, Map<String, Integer>> qrels, Map<String, List<String>> rankedIds) {
    return score(
        qrels,
        rankedIds.keySet(),
        query -> Rankings.distinct(rankedIds.getOrDefault(query, List.of())));
  }

  private RetrievalReport score(
      Map<String, Map<String, Integer>> qrels,
      Iterable<String> rankedQueries,
      Function<String, List<String>> ranking) {
    TreeSet<String> queries = new TreeSet<>(qrels.keySet()); // sorted: reproducible reports
    rankedQueries.forEach(queries::add);
    Map<String, Map<String, Double>> perQuery = new LinkedHashMap<>();
    int skipped = 0;
    for (String query : queries) {
      QueryScorer scorer = new QueryScorer(qrels.getOrDefault(query, Map.of()), apNormalizer, gain);
      if (!scorer.hasRelevant()) {
        skipped++;
        continue;
      }
      perQuery.put(query, scorer.score(ranking.apply(query), ks));
    }
    return new RetrievalReport(ks, perQuery.size(), skipped, means(perQuery), perQuery);
  }

  private Map<String, Double> means(Map<String, Map<String, Double>> perQuery) {
    Map<String, Double> sums = new LinkedHashMap<>();
    for (Metric metric : Metric.values()) {
      for (int k : ks) {
        sums.put(metric.at(k), 0.0);
      }
    }
    perQuery
        .values()
        .forEach(values -> values.forEach((key, v) -> sums.merge(key, v, Double::sum)));
    int n = Math.max(1, perQuery.size());
    sums.replaceAll((key, sum) -> sum / n);
    return sums;
  }

  /** Settings; each has a default, so {@code builder().build()} evaluates at k = 10. */
  public static final class Builder {
    private List<Integer> ks = List.of(10);
    private AveragePrecisionNormalizer apNormalizer = AveragePrecisionNormalizer.MIN_K_AND_RELEVANT;
    private Gain gain = Gain.LINEAR;

    private Builder() {}

    public Builder optKs(int... ks) {
      List<Integer> list = new ArrayList<>();
      for (int k : ks) {
        if (k < 1) {
          throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        list.add(k);
      }
      if (list.isEmpty()) {
        throw new IllegalArgumentException("at least one k is needed");
      }
      this.ks = list;
      return this;
    }

    public Builder optAveragePrecision(AveragePrecisionNormalizer normalizer) {
      this.apNormalizer = Objects.requireNonNull(normalizer);
      return this;
    }

    public Builder optGain(Gain gain) {
      this.gain = Objects.requireNonNull(gain);
      return this;
    }

    public RetrievalEvaluator build() {
      return new RetrievalEvaluator(this);
    }
  }
}
