package dev.finesynth.evaluation.retrieval;

import dev.finesynth.evaluation.metrics.ScoredDoc;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brute-force top-k by dot product, so an evaluation needs no vector database. With L2-normalised
 * vectors (see {@link #normalized(float[])}) the dot product is the cosine similarity.
 *
 * <p>Documents live in one flat array; queries are scored in blocks against blocks of documents
 * small enough to stay in cache, which is what makes plain Java fast here.
 */
public final class ExactRetriever {
  private static final int QUERY_BLOCK = 16;
  private static final int DOC_BLOCK = 128; // 128 x 384 floats = 192 KiB: fits L2

  private final List<String> docIds;
  private final float[] docs;
  private final int dim;

  public ExactRetriever(List<String> docIds, List<float[]> docVectors) {
    if (docIds.size() != docVectors.size()) {
      throw new IllegalArgumentException(
          docIds.size() + " ids but " + docVectors.size() + " vectors");
    }
    if (new HashSet<>(docIds).size() != docIds.size()) {
      throw new IllegalArgumentException("document ids must be distinct");
    }
    this.docIds = List.copyOf(docIds);
    this.dim = docVectors.isEmpty() ? 0 : docVectors.get(0).length;
    this.docs = flatten(docVectors, dim);
  }

  public int size() {
    return docIds.size();
  }

  public int dimension() {
    return dim;
  }

  /** The k best documents for one query, best first (fewer when the corpus is smaller than k). */
  public List<ScoredDoc> search(float[] query, int k) {
    return search(Map.of("q", query), k).get("q");
  }

  /** Query id to its k best documents, best first; keeps the iteration order of {@code queries}. */
  public Map<String, List<ScoredDoc>> search(Map<String, float[]> queries, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, got " + k);
    }
    List<String> queryIds = List.copyOf(queries.keySet());
    if (docIds.isEmpty()) {
      Map<String, List<ScoredDoc>> none = new LinkedHashMap<>();
      queryIds.forEach(id -> none.put(id, List.of()));
      return none;
    }
    float[] flatQueries = flatten(List.copyOf(queries.values()), dim);
    int nq = queryIds.size();
    int nd = docIds.size();
    TopK[] heaps = new TopK[nq];
    for (int q = 0; q < nq; q++) {
      heaps[q] = new TopK(Math.min(k, nd), docIds);
    }
    for (int q0 = 0; q0 < nq; q0 += QUERY_BLOCK) {
      int q1 = Math.min(nq, q0 + QUERY_BLOCK);
      for (int d0 = 0; d0 < nd; d0 += DOC_BLOCK) {
        int d1 = Math.min(nd, d0 + DOC_BLOCK);
        for (int q = q0; q < q1; q++) {
          for (int d = d0; d < d1; d++) {
            heaps[q].offer(d, dot(flatQueries, q * dim, docs, d * dim, dim));
          }
        }
      }
    }
    Map<String, List<ScoredDoc>> results = new LinkedHashMap<>();
    for (int q = 0; q < nq; q++) {
      results.put(queryIds.get(q), heaps[q].drain());
    }
    return results;
  }

  /** A copy scaled to unit length (the zero vector stays zero). */
  public static float[] normalized(float[] v) {
    double norm = Math.sqrt(dot(v, 0, v, 0, v.length));
    float[] out = v.clone();
    if (norm > 0) {
      for (int i = 0; i < out.length; i++) {
        out[i] = (float) (out[i] / norm);
      }
    }
    return out;
  }

  /** Four independent sums: the JIT will not reorder a float reduction, this lets the CPU. */
  private static float dot(float[] a, int ai, float[] b, int bi, int n) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += a[ai + i] * b[bi + i];
      s1 += a[ai + i + 1] * b[bi + i + 1];
      s2 += a[ai + i + 2] * b[bi + i + 2];
      s3 += a[ai + i + 3] * b[bi + i + 3];
    }
    for (; i < n; i++) {
      s0 += a[ai + i] * b[bi + i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  private static float[] flatten(List<float[]> vectors, int dim) {
    float[] flat = new float[vectors.size() * dim];
    for (int i = 0; i < vectors.size(); i++) {
      float[] v = vectors.get(i);
      if (v.length != dim) {
        throw new IllegalArgumentException(
            "vector " + i + " has " + v.length + " dimensions, expected " + dim);
      }
      System.arraycopy(v, 0, flat, i * dim, dim);
    }
    return flat;
  }
}
