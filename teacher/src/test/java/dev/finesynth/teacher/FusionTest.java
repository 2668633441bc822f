package dev.finesynth.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Fusion arithmetic on hand-made cases, worked out in the comments. */
class FusionTest {
  private static final double[] EQUAL = {1, 1};
  private static final double EPS = 1e-9;

  @Test
  void meanIsTheWeightedMeanOfRawScoresAndIgnoresTheReference() {
    // weights 1 and 3: (0.8*1 + 0.2*3)/4 = 0.35 ; (0.4*1 + 0.6*3)/4 = 0.55
    List<double[]> scores = List.of(new double[] {0.8, 0.4}, new double[] {0.2, 0.6});
    double[] weights = {1, 3};
    assertThat(Fusion.MEAN.combine(scores, weights))
        .containsExactly(new double[] {0.35, 0.55}, within(EPS));
    assertThat(Fusion.MEAN.fuse(scores, weights, new double[] {9, -9}))
        .containsExactly(new double[] {0.35, 0.55}, within(EPS));
  }

  @Test
  void zscoreStandardisesEachScorerOverTheCandidates() {
    // A = 0.9 0.6 0.3: mean 0.6, population sd sqrt(0.06) = 0.244949 -> z = 1.224745, 0, -1.224745
    // B = 9 3 6 (a logit-sized scorer): mean 6, sd sqrt(6) = 2.449490 -> z = 1.224745, -1.224745, 0
    // weights 1, 1: fused z = 1.224745, -0.612372, -0.612372
    double[] z =
        Fusion.ZSCORE.combine(List.of(new double[] {0.9, 0.6, 0.3}, new double[] {9, 3, 6}), EQUAL);
    assertThat(z).containsExactly(new double[] {1.2247449, -0.6123724, -0.6123724}, within(1e-6));
  }

  @Test
  void zscoreLabelsTakeTheReferenceMeanAndSpread() {
    // fused z as above; reference (mean bi-encoder cosine) 0.8 0.5 0.2: mean 0.5, sd 0.244949
    // label = 0.5 + 0.244949 * z = 0.8, 0.35, 0.35
    double[] labels =
        Fusion.ZSCORE.fuse(
            List.of(new double[] {0.9, 0.6, 0.3}, new double[] {9, 3, 6}),
            EQUAL,
            new double[] {0.8, 0.5, 0.2});
    assertThat(labels).containsExactly(new double[] {0.8, 0.35, 0.35}, within(1e-6));
  }

  @Test
  void zscoreOfAgreeingScorersGivesBackTheReference() {
    // both scorers rank and space the candidates alike: the labels are the reference itself
    double[] cosine = {0.71, 0.52, 0.40, 0.33};
    double[] bm25 = {17.1, 12.35, 9.35, 7.6}; // 25 * cosine - 0.65
    double[] labels = Fusion.ZSCORE.fuse(List.of(bm25, cosine), EQUAL, cosine);
    assertThat(labels).containsExactly(cosine, within(1e-9));
  }

  @Test
  void weightsCountInZscore() {
    // A = 1 0 -> z 1 -1 ; B = 0 1 -> z -1 1 ; weights 3, 1 -> (3 - 1)/4 = 0.5, -0.5
    double[] z =
        Fusion.ZSCORE.combine(
            List.of(new double[] {1, 0}, new double[] {0, 1}), new double[] {3, 1});
    assertThat(z).containsExactly(new double[] {0.5, -0.5}, within(EPS));
  }

  @Test
  void reciprocalRanksShareTiedRanks() {
    // ranks 1, 2, 2 (tie) -> 1/61, 1/62, 1/62
    assertThat(Fusion.reciprocalRanks(new double[] {5, 4, 4}))
        .containsExactly(1 / 61.0, 1 / 62.0, 1 / 62.0);
  }

  @Test
  void rrfSumsWeightedReciprocalRanks() {
    // A = 5 4 4 -> ranks 1 2 2 ; B = 0.1 0.9 0.5 -> ranks 3 1 2 ; weights 1, 1 (normalised 1/2)
    // (1/61 + 1/63)/2 = 0.0161305, (1/62 + 1/61)/2 = 0.0162612, (1/62 + 1/62)/2 = 0.0161290
    double[] rrf =
        Fusion.RRF.combine(List.of(new double[] {5, 4, 4}, new double[] {0.1, 0.9, 0.5}), EQUAL);
    assertThat(rrf)
        .containsExactly(
            new double[] {
              (1 / 61.0 + 1 / 63.0) / 2, (1 / 62.0 + 1 / 61.0) / 2, (1 / 62.0 + 1 / 62.0) / 2
            },
            within(EPS));
  }

  @Test
  void rrfWeightsCanOverruleAMajority() {
    // A = 3 2 1 and B = 3 2 1 put candidate 0 first; C = 1 2 3 puts it last
    // weights 1, 1, 10: C decides -> candidate 2 first
    double[] a = {3, 2, 1};
    double[] c = {1, 2, 3};
    double[] rrf = Fusion.RRF.combine(List.of(a, a, c), new double[] {1, 1, 10});
    assertThat(rrf[2]).isGreaterThan(rrf[1]);
    assertThat(rrf[1]).isGreaterThan(rrf[0]);
  }

  @Test
  void rrfLabelsKeepTheFusedOrderAndTakeTheReferenceSpread() {
    // fused rrf 0.0161305, 0.0162612, 0.0161290 -> standardised, then 0.5 + 0.244949 * z
    double[] labels =
        Fusion.RRF.fuse(
            List.of(new double[] {5, 4, 4}, new double[] {0.1, 0.9, 0.5}),
            EQUAL,
            new double[] {0.8, 0.5, 0.2});
    assertThat(labels[1]).isGreaterThan(labels[0]);
    assertThat(labels[0]).isGreaterThan(labels[2]);
    assertThat(mean(labels)).isCloseTo(0.5, within(EPS));
    assertThat(sd(labels)).isCloseTo(Math.sqrt(0.06), within(EPS));
    double[] z =
        Fusion.standardised(
            Fusion.RRF.combine(
                List.of(new double[] {5, 4, 4}, new double[] {0.1, 0.9, 0.5}), EQUAL));
    for (int i = 0; i < 3; i++) {
      assertThat(labels[i]).isCloseTo(0.5 + Math.sqrt(0.06) * z[i], within(EPS));
    }
  }

  @Test
  void aConstantReferenceOrScorerGivesNoSpreadInsteadOfNaN() {
    double[] labels =
        Fusion.ZSCORE.fuse(
            List.of(new double[] {0.3, 0.3}, new double[] {1, 2}), EQUAL, new double[] {0.4, 0.4});
    assertThat(labels).containsExactly(0.4, 0.4);
  }

  @Test
  void namesAreParsedAndUnknownOnesListTheKnown() {
    assertThat(Fusion.of("RRF")).isEqualTo(Fusion.RRF);
    assertThat(Fusion.of("z-score")).isEqualTo(Fusion.ZSCORE);
    assertThatThrownBy(() -> Fusion.of("max")).hasMessageContaining("known: mean, zscore, rrf");
  }

  static double mean(double[] v) {
    return java.util.Arrays.stream(v).average().orElseThrow();
  }

  static double sd(double[] v) {
    double mu = mean(v);
    return Math.sqrt(
        java.util.Arrays.stream(v).map(x -> (x - mu) * (x - mu)).average().orElseThrow());
  }
}
