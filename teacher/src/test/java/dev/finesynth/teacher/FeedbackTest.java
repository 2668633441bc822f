package dev.finesynth.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FeedbackTest {
  private static final double[][] SIMILARITIES = {
    {1.0, 0.2, 0.6, 0.1},
    {0.2, 1.0, 0.3, 0.9},
    {0.6, 0.3, 1.0, 0.4},
    {0.1, 0.9, 0.4, 1.0}
  };

  @Test
  void eachCandidateGainsItsCosineToTheBestAndTheBestItsCosineToTheSecond() {
    double[] scores = {0.50, 0.45, 0.40, 0.30};
    double[] firstPass = {0.7, 0.2, 0.9, 0.1}; // best is 2, second best 0
    double[] fed = Feedback.apply(scores, SIMILARITIES, firstPass, 0.5);
    // 0.50 + 0.5 * 0.6, 0.45 + 0.5 * 0.3, 0.40 + 0.5 * 0.6 (to the second, not itself), 0.30 + 0.5
    // * 0.4
    assertThat(fed).containsExactly(new double[] {0.80, 0.60, 0.70, 0.50}, within(1e-12));
    assertThat(scores).containsExactly(0.50, 0.45, 0.40, 0.30); // the input is left alone
  }

  @Test
  void aTieForTheBestGoesToTheEarlierCandidate() {
    double[] fed =
        Feedback.apply(
            new double[] {0, 0, 0, 0}, SIMILARITIES, new double[] {0.5, 0.9, 0.1, 0.9}, 1);
    // best 1 (before 3), second 3: candidate 1 takes its cosine to 3, the others theirs to 1
    assertThat(fed).containsExactly(new double[] {0.2, 0.9, 0.3, 0.9}, within(1e-12));
  }

  @Test
  void aSingleCandidateHasNothingToFeedBack() {
    double[] scores = {0.4};
    assertThat(Feedback.apply(scores, new double[][] {{1}}, new double[] {2}, 1)).isSameAs(scores);
  }
}
