package dev.finesynth.evaluation.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one evaluation: mean of each metric@k over the evaluated queries, the per-query
 * values behind them, and how many queries were evaluated or skipped (no relevant judgment).
 *
 * @param means keyed by {@link Metric#at(int)}, e.g. {@code ndcg@10}; 0 when nothing was evaluated
 * @param perQuery query id to the same keys
 */
public record RetrievalReport(
    List<Integer> ks,
    int evaluatedQueries,
    int skippedQueries,
    Map<String, Double> means,
    Map<String, Map<String, Double>> perQuery) {

  public RetrievalReport {
    ks = List.copyOf(ks);
    means = Collections.unmodifiableMap(new LinkedHashMap<>(means));
    Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
    perQuery.forEach(
        (query, values) ->
            copy.put(query, Collections.unmodifiableMap(new LinkedHashMap<>(values))));
    perQuery = Collections.unmodifiableMap(copy);
  }

  public double mean(Metric metric, int k) {
    return require(means, metric.at(k));
  }

  public double value(String queryId, Metric metric, int k) {
    Map<String, Double> values = perQuery.get(queryId);
    if (values == null) {
      throw new IllegalArgumentException("query not evaluated: " + queryId);
    }
    return require(values, metric.at(k));
  }

  private static double require(Map<String, Double> values, String key) {
    Double value = values.get(key);
    if (value == null) {
      throw new IllegalArgumentException("not computed: " + key);
    }
    return value;
  }
}
