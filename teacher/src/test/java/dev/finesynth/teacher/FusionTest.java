package dev.finesynth.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.finesynth.contracts.events.RelatedDocument;
import dev.finesynth.contracts.events.Relation;
import dev.finesynth.contracts.events.Triplet;
import java.util.List;
import org.junit.jupiter.api.Test;

class FusionTest {
  private static final double[] EQUAL = {1, 1};

  @Test
  void meanIsTheWeightedMeanOfRawScores() {
    // (0.8*1 + 0.2*3)/4 = 0.35 ; (0.4*1 + 0.6*3)/4 = 0.55
    double[] fused =
        Fusion.MEAN.fuse(
            List.of(new double[] {0.8, 0.4}, new double[] {0.2, 0.6}), new double[] {1, 3});
    assertThat(fused[0]).isCloseTo(0.35, within(1e-12));
    assertThat(fused[1]).isCloseTo(0.55, within(1e-12));
  }

  @Test
  void zscoreStandardisesEachScorerThenRestoresTheMeanScale() {
    // scorer A: 0.9 0.6 0.3 -> z = 1.2247, 0, -1.2247 ; scorer B (logits): 9 3 6 -> z = 1.2247,
    // -1.2247, 0
    // fused z (equal weights): 1.2247, -0.6124, -0.6124 -> standardised: 1.4142, -0.7071, -0.7071
    // mean raw scores: 4.95, 1.8, 3.15 -> mean 3.3, deviation 1.2903 -> 3.3 + z * 1.2903
    double[] fused =
        Fusion.ZSCORE.fuse(List.of(new double[] {0.9, 0.6, 0.3}, new double[] {9, 3, 6}), EQUAL);
    assertThat(fused[0]).isCloseTo(3.3 + 1.41421 * 1.29035, within(1e-4));
    assertThat(fused[1]).isCloseTo(fused[2], within(1e-12));
    assertThat(fused[1]).isCloseTo(3.3 - 0.70711 * 1.29035, within(1e-4));
  }

  @Test
  void rrfUsesRanksOnlyAndSharesTiedRanks() {
    // A ranks: 1, 2, 2 (tie) -> 1/61, 1/62, 1/62 ; B ranks: 3, 1, 2 -> 1/63, 1/61, 1/62
    double[] rr = Fusion.reciprocalRanks(new double[] {5, 4, 4});
    assertThat(rr).containsExactly(1 / 61.0, 1 / 62.0, 1 / 62.0);
    double[] fused =
        Fusion.RRF.fuse(List.of(new double[] {5, 4, 4}, new double[] {0.1, 0.9, 0.5}), EQUAL);
    // sums: 1/61+1/63 = 0.032267, 1/62+1/61 = 0.032522, 1/62+1/62 = 0.032258 -> order 1 > 0 > 2
    assertThat(fused[1]).isGreaterThan(fused[0]);
    assertThat(fused[0]).isGreaterThan(fused[2]);
  }

  @Test
  void marginsAreTheFusedPositiveMinusEachFusedNegative() {
    Scorer a = relations -> List.of(new double[] {0.9, 0.5, 0.1});
    Scorer b = relations -> List.of(new double[] {0.7, 0.6, 0.2});
    Teacher teacher = new Teacher(List.of(a, b), EQUAL, Fusion.MEAN, "test");
    Relation relation =
        Relation.of(
            "r",
            "q",
            "query",
            List.of(
                new RelatedDocument("p", "pos", 1, 0.9),
                new RelatedDocument("n1", "neg1", 2, 0.8),
                new RelatedDocument("n2", "neg2", 3, 0.7)));
    List<Triplet> triplets = Triplets.from(List.of(relation), teacher.score(List.of(relation)));
    assertThat(triplets).extracting(Triplet::negativeId).containsExactly("n1", "n2");
    assertThat(triplets.get(0).margin()).isCloseTo(0.8 - 0.55, within(1e-12));
    assertThat(triplets.get(1).margin()).isCloseTo(0.8 - 0.15, within(1e-12));
  }
}
