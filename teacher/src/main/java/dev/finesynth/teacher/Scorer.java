package dev.finesynth.teacher;

import dev.finesynth.contracts.events.Relation;
import java.util.List;

/** Scores every (query, document) pair of a batch of relations: one array per relation. */
public interface Scorer {
  List<double[]> score(List<Relation> relations);

  /**
   * Whether the scores are cosine similarities, the student's scale: such scorers are the reference
   * that {@link Fusion#fuse} maps {@code zscore} and {@code rrf} labels back onto.
   */
  default boolean cosineScale() {
    return false;
  }
}
