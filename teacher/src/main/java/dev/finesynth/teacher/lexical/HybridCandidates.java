package dev.finesynth.teacher.lexical;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The candidate list of hybrid mining: {@code n} documents, {@link #lexicalSlots} of them from a
 * lexical ranking and the rest from a dense one. The dense candidates come first, in dense order
 * (so the first is still the dense top hit), then the best lexical hits not already taken; when the
 * lexical ranking runs short, further dense hits fill the list.
 */
public final class HybridCandidates {
  private HybridCandidates() {}

  /** How many of {@code n} candidates come from the lexical ranking: at least one stays dense. */
  public static int lexicalSlots(int n, double lexicalShare) {
    return (int) Math.max(0, Math.min(n - 1, Math.round(lexicalShare * n)));
  }

  /**
   * @param dense document ids, best first
   * @param lexical document ids, best first
   * @return up to {@code n} distinct ids
   */
  public static List<String> merge(
      List<String> dense, List<String> lexical, int n, int lexicalSlots) {
    Set<String> chosen = new LinkedHashSet<>();
    int next = take(chosen, dense, 0, n - lexicalSlots);
    take(chosen, lexical, 0, n);
    take(chosen, dense, next, n);
    return new ArrayList<>(chosen);
  }

  /**
   * Adds ids from {@code from} until {@code chosen} holds {@code upTo}; returns where it stopped.
   */
  private static int take(Set<String> chosen, List<String> from, int start, int upTo) {
    int i = start;
    while (chosen.size() < upTo && i < from.size()) {
      chosen.add(from.get(i++));
    }
    return i;
  }
}
