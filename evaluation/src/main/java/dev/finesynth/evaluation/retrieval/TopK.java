package dev.finesynth.evaluation.retrieval;

import dev.finesynth.evaluation.metrics.ScoredDoc;
import java.util.ArrayList;
import java.util.List;

/**
 * The k best (score, document) pairs seen so far: a bounded min-heap on primitives, so the common
 * case (a candidate worse than the current k-th) costs one comparison and no allocation.
 */
final class TopK {
  private final int capacity;
  private final List<String> ids;
  private final double[] scores;
  private final int[] docs;
  private int size;

  TopK(int capacity, List<String> ids) {
    this.capacity = capacity;
    this.ids = ids;
    this.scores = new double[capacity];
    this.docs = new int[capacity];
  }

  void offer(int doc, double score) {
    if (size < capacity) {
      scores[size] = score;
      docs[size] = doc;
      siftUp(size++);
    } else if (worse(docs[0], scores[0], doc, score)) {
      scores[0] = score;
      docs[0] = doc;
      siftDown(0);
    }
  }

  /** Best first, in {@link ScoredDoc#BEST_FIRST} order. */
  List<ScoredDoc> drain() {
    List<ScoredDoc> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(new ScoredDoc(ids.get(docs[i]), scores[i]));
    }
    out.sort(ScoredDoc.BEST_FIRST);
    return out;
  }

  /** True when (a, sa) ranks below (b, sb); same tie rule as ScoredDoc.BEST_FIRST. */
  private boolean worse(int a, double sa, int b, double sb) {
    if (sa != sb) {
      return sa < sb;
    }
    return ids.get(a).compareTo(ids.get(b)) < 0;
  }

  private void siftUp(int i) {
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (!worse(docs[i], scores[i], docs[parent], scores[parent])) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void siftDown(int i) {
    while (true) {
      int worst = i;
      for (int child = 2 * i + 1; child <= 2 * i + 2 && child < size; child++) {
        if (worse(docs[child], scores[child], docs[worst], scores[worst])) {
          worst = child;
        }
      }
      if (worst == i) {
        return;
      }
      swap(i, worst);
      i = worst;
    }
  }

  private void swap(int i, int j) {
    double s = scores[i];
    scores[i] = scores[j];
    scores[j] = s;
    int d = docs[i];
    docs[i] = docs[j];
    docs[j] = d;
  }
}
