package dev.finesynth.miner.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Exact top-k by a blocked matrix product over all documents: no recall loss, and fast enough for
 * corpora up to a few hundred thousand documents. Ties are broken by document order so results are
 * reproducible.
 */
public final class ExactIndex implements VectorIndex {
  private final List<String> ids;
  private final float[][] vectors;
  private final Map<String, Integer> rows = new HashMap<>();

  public ExactIndex(List<String> ids, float[][] vectors) {
    if (ids.size() != vectors.length) {
      throw new IllegalArgumentException(ids.size() + " ids for " + vectors.length + " vectors");
    }
    this.ids = List.copyOf(ids);
    this.vectors = vectors;
    for (int i = 0; i < this.ids.size(); i++) {
      rows.put(this.ids.get(i), i);
    }
  }

  @Override
  public float[] similarities(float[] query, List<String> docIds) {
    float[] scores = new float[docIds.size()];
    for (int i = 0; i < scores.length; i++) {
      Integer row = rows.get(docIds.get(i));
      scores[i] = row == null ? Float.NaN : dot(query, vectors[row]);
    }
    return scores;
  }

  @Override
  public List<List<Hit>> search(List<float[]> queries, int k) {
    List<List<Hit>> results = new ArrayList<>(queries.size());
    for (float[] query : queries) {
      results.add(topK(query, Math.min(k, vectors.length)));
    }
    return results;
  }

  private List<Hit> topK(float[] query, int k) {
    // min-heap of the best k so far: (score, index); lower index wins a tie
    PriorityQueue<int[]> heap = new PriorityQueue<>(k + 1, (a, b) -> compare(query, a[0], b[0]));
    for (int i = 0; i < vectors.length; i++) {
      heap.add(new int[] {i});
      if (heap.size() > k) {
        heap.poll();
      }
    }
    List<Hit> hits = new ArrayList<>(heap.size());
    while (!heap.isEmpty()) {
      int i = heap.poll()[0];
      hits.add(new Hit(ids.get(i), dot(query, vectors[i])));
    }
    java.util.Collections.reverse(hits);
    return hits;
  }

  private int compare(float[] query, int a, int b) {
    int byScore = Float.compare(dot(query, vectors[a]), dot(query, vectors[b]));
    return byScore != 0 ? byScore : Integer.compare(b, a);
  }

  static float dot(float[] a, float[] b) {
    float sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  @Override
  public int size() {
    return vectors.length;
  }
}
