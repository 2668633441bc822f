package dev.finesynth.teacher.lexical;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HybridCandidatesTest {
  private static final List<String> DENSE = List.of("d1", "d2", "d3", "d4", "d5", "d6");

  @Test
  void slotsRoundTheShareAndLeaveOneDense() {
    assertThat(HybridCandidates.lexicalSlots(10, 0)).isZero();
    assertThat(HybridCandidates.lexicalSlots(10, 0.3)).isEqualTo(3);
    assertThat(HybridCandidates.lexicalSlots(10, 0.25)).isEqualTo(3); // 2.5 rounds up
    assertThat(HybridCandidates.lexicalSlots(4, 1)).isEqualTo(3);
    assertThat(HybridCandidates.lexicalSlots(2, 0.5)).isEqualTo(1);
  }

  @Test
  void denseFirstThenLexicalHitsNotAlreadyTaken() {
    // 5 candidates, 2 lexical: d1 d2 d3 dense, then l1 (d2 is taken), then l2
    assertThat(HybridCandidates.merge(DENSE, List.of("d2", "l1", "l2", "l3"), 5, 2))
        .containsExactly("d1", "d2", "d3", "l1", "l2");
  }

  @Test
  void denseHitsFillWhatTheLexicalRankingLacks() {
    assertThat(HybridCandidates.merge(DENSE, List.of("l1"), 5, 3))
        .containsExactly("d1", "d2", "l1", "d3", "d4");
    assertThat(HybridCandidates.merge(DENSE, List.of(), 4, 2))
        .containsExactly("d1", "d2", "d3", "d4");
  }

  @Test
  void noLexicalSlotsIsDenseMining() {
    assertThat(HybridCandidates.merge(DENSE, List.of("l1"), 3, 0))
        .containsExactly("d1", "d2", "d3");
  }

  @Test
  void aShortCorpusGivesFewerCandidates() {
    assertThat(HybridCandidates.merge(List.of("d1"), List.of("d1", "l1"), 5, 2))
        .containsExactly("d1", "l1");
  }
}
