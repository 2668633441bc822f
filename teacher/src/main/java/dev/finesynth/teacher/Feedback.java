package dev.finesynth.teacher;

/**
 * Pseudo-relevance feedback inside one query's candidate list: a bi-encoder's score of each
 * candidate plus {@code weight} times its cosine to the first pass's best candidate. The best
 * candidate itself takes its cosine to the second best, so no candidate is fed back its own perfect
 * self-similarity. Documents that resemble the teacher's favourite move up: on Cranfield that ranks
 * the candidates better than the raw cosines; on the demo's sample, where the teacher is already
 * strong, worse (the README's "Teacher feedback").
 */
final class Feedback {
  private Feedback() {}

  /**
   * @param scores the scorer's score of each candidate
   * @param similarities the scorer's cosine between every two candidates
   * @param firstPass the fused first-pass label of each candidate
   */
  static double[] apply(
      double[] scores, double[][] similarities, double[] firstPass, double weight) {
    if (scores.length < 2) {
      return scores;
    }
    int best = 0;
    int second = -1;
    for (int d = 1; d < firstPass.length; d++) {
      if (firstPass[d] > firstPass[best]) {
        second = best;
        best = d;
      } else if (second < 0 || firstPass[d] > firstPass[second]) {
        second = d;
      }
    }
    double[] fed = new double[scores.length];
    for (int d = 0; d < scores.length; d++) {
      fed[d] = scores[d] + weight * similarities[d][d == best ? second : best];
    }
    return fed;
  }
}
