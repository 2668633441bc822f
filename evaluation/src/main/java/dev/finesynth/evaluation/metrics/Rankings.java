package dev.finesynth.evaluation.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/** Turns a retriever's output into the ordered, duplicate-free list of ids the metrics read. */
public final class Rankings {
  private Rankings() {}

  /** Sorts by {@link ScoredDoc#BEST_FIRST}; a repeated id counts once, at its best rank. */
  public static List<String> order(Collection<ScoredDoc> scored) {
    List<ScoredDoc> sorted = new ArrayList<>(scored);
    sorted.sort(ScoredDoc.BEST_FIRST);
    return distinct(sorted.stream().map(ScoredDoc::docId).toList());
  }

  /** Keeps the first occurrence of each id, so a repeat neither scores twice nor takes a slot. */
  public static List<String> distinct(List<String> rankedIds) {
    return List.copyOf(new LinkedHashSet<>(rankedIds));
  }
}
