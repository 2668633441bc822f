package dev.finesynth.evaluation.metrics;

import java.util.Comparator;
import java.util.Objects;

/** One retrieved document and the score the retriever gave it for a query. */
public record ScoredDoc(String docId, double score) {

  /**
   * Ranking order: higher score first; equal scores by document id, descending ({@link
   * String#compareTo}). Descending ids is what trec_eval (and so pytrec_eval and BEIR) does, so
   * tied runs score the same here as there.
   */
  public static final Comparator<ScoredDoc> BEST_FIRST =
      Comparator.comparingDouble(ScoredDoc::score)
          .reversed()
          .thenComparing(ScoredDoc::docId, Comparator.reverseOrder());

  public ScoredDoc {
    Objects.requireNonNull(docId, "docId");
    if (Double.isNaN(score)) {
      throw new IllegalArgumentException("NaN score for document " + docId);
    }
  }
}
