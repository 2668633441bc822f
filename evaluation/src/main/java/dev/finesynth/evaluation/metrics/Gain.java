package dev.finesynth.evaluation.metrics;

/** How a graded relevance value becomes a DCG gain; both agree on binary judgments. */
public enum Gain {
  /** gain = rel, as trec_eval's ndcg_cut (pytrec_eval, BEIR). The default. */
  LINEAR,
  /** gain = 2^rel - 1 (Burges et al.), which favours highly relevant documents more. */
  EXPONENTIAL;

  double of(int relevance) {
    if (relevance <= 0) {
      return 0; // not relevant: never a gain, never a penalty
    }
    return this == LINEAR ? relevance : Math.pow(2, relevance) - 1;
  }
}
