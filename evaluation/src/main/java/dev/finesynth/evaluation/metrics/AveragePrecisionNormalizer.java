package dev.finesynth.evaluation.metrics;

/** What the sum of precision@i over relevant ranks i &lt;= k is divided by in MAP@k. */
public enum AveragePrecisionNormalizer {
  /**
   * min(k, #relevant), as sentence-transformers' InformationRetrievalEvaluator does. The default: a
   * perfect top k scores 1.0 even when a query has more relevant documents than k (Cranfield has
   * queries with 40), so MAP@10 measures the ranking inside the cut-off only.
   */
  MIN_K_AND_RELEVANT,
  /** #relevant, as trec_eval's map_cut (pytrec_eval, BEIR) does; a perfect top k can score less. */
  ALL_RELEVANT;

  double denominator(int k, int relevantCount) {
    return this == MIN_K_AND_RELEVANT ? Math.min(k, relevantCount) : relevantCount;
  }
}
