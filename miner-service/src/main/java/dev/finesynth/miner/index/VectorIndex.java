package dev.finesynth.miner.index;

import java.util.List;

/** Nearest-neighbour search over L2-normalised document vectors (dot product = cosine). */
public interface VectorIndex {

  /** The {@code k} best documents per query, best first. */
  List<List<Hit>> search(List<float[]> queries, int k);

  /**
   * The similarity of the query to each of {@code docIds}, in their order; NaN for a document not
   * in the index.
   */
  float[] similarities(float[] query, List<String> docIds);

  int size();

  /** A document and its similarity to the query. */
  record Hit(String docId, float score) {}
}
