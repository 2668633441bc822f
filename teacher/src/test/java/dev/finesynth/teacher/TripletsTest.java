package dev.finesynth.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.finesynth.contracts.events.Triplet;
import java.util.List;
import org.junit.jupiter.api.Test;

class TripletsTest {
  // the miner put p first, but the teacher scores n2 highest
  private static final double[] FUSED = {0.6, 0.2, 0.7};

  @Test
  void theMinersPositiveIsRankOne() {
    List<Triplet> triplets =
        Triplets.from(List.of(TeacherTest.relation()), List.of(FUSED), Triplets.Positive.MINER);
    assertThat(triplets).extracting(Triplet::positiveId).containsOnly("p");
    assertThat(triplets).extracting(Triplet::negativeId).containsExactly("n1", "n2");
    assertThat(triplets.get(0).margin()).isCloseTo(0.4, within(1e-12));
    assertThat(triplets.get(1).margin()).isCloseTo(-0.1, within(1e-12)); // the teacher disagrees
  }

  @Test
  void theTeachersPositiveIsItsBestCandidateAndTheOthersAreNegatives() {
    List<Triplet> triplets =
        Triplets.from(List.of(TeacherTest.relation()), List.of(FUSED), Triplets.Positive.TEACHER);
    assertThat(triplets).hasSize(2); // numRelations - 1 either way
    assertThat(triplets).extracting(Triplet::positiveId).containsOnly("n2");
    assertThat(triplets).extracting(Triplet::positive).containsOnly("neg2");
    assertThat(triplets).extracting(Triplet::negativeId).containsExactly("p", "n1");
    assertThat(triplets.get(0).margin()).isCloseTo(0.1, within(1e-12));
    assertThat(triplets.get(1).margin()).isCloseTo(0.5, within(1e-12));
    assertThat(triplets).allSatisfy(t -> assertThat(t.positiveScore()).isEqualTo(0.7));
    assertThat(triplets).extracting(Triplet::key).containsExactly("r/q/p", "r/q/n1");
  }

  @Test
  void aTieKeepsTheMinersOrder() {
    assertThat(Triplets.Positive.TEACHER.pick(new double[] {0.5, 0.7, 0.7})).isEqualTo(1);
    assertThat(Triplets.Positive.TEACHER.pick(new double[] {0.7, 0.7, 0.1})).isZero();
    assertThat(Triplets.Positive.of("teacher")).isEqualTo(Triplets.Positive.TEACHER);
  }
}
