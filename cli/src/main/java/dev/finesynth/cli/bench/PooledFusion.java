package dev.finesynth.cli.bench;

import dev.finesynth.evaluation.metrics.ScoredDoc;
import dev.finesynth.teacher.Fusion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fusion as a retriever over a whole corpus: per query, the union of each scorer's top {@code
 * depth} documents is the pool, every pooled document gets each scorer's exact score, and the
 * fusion ranks the pool ({@code zscore} standardises over the pool, {@code rrf} ranks within it). A
 * single scorer is ranked by its own scores.
 */
final class PooledFusion {
  private PooledFusion() {}

  static Map<String, List<ScoredDoc>> rank(
      List<float[][]> tables,
      double[] weights,
      Fusion fusion,
      int depth,
      List<String> queryIds,
      List<String> docIds) {
    Map<String, List<ScoredDoc>> run = new HashMap<>();
    for (int q = 0; q < queryIds.size(); q++) {
      List<Integer> pool = pool(tables, q, depth);
      List<double[]> rows = new ArrayList<>(tables.size());
      for (float[][] table : tables) {
        rows.add(row(table[q], pool));
      }
      double[] fused = tables.size() == 1 ? rows.get(0) : fusion.combine(rows, weights);
      List<ScoredDoc> ranked = new ArrayList<>(pool.size());
      for (int i = 0; i < pool.size(); i++) {
        ranked.add(new ScoredDoc(docIds.get(pool.get(i)), fused[i]));
      }
      run.put(queryIds.get(q), ranked);
    }
    return run;
  }

  /** The union of each table's top {@code depth} documents for query {@code q}. */
  static List<Integer> pool(List<float[][]> tables, int q, int depth) {
    Set<Integer> pool = new LinkedHashSet<>();
    for (float[][] table : tables) {
      pool.addAll(top(table[q], depth));
    }
    return new ArrayList<>(pool);
  }

  /** Document indexes of the {@code k} highest scores, best first (lower index on a tie). */
  static List<Integer> top(float[] scores, int k) {
    List<Integer> order = new ArrayList<>(scores.length);
    for (int i = 0; i < scores.length; i++) {
      order.add(i);
    }
    order.sort((a, b) -> scores[a] != scores[b] ? Float.compare(scores[b], scores[a]) : a - b);
    return order.subList(0, Math.min(k, order.size()));
  }

  static double[] row(float[] scores, List<Integer> docs) {
    double[] row = new double[docs.size()];
    for (int i = 0; i < row.length; i++) {
      row[i] = scores[docs.get(i)];
    }
    return row;
  }
}
