package dev.finesynth.teacher;

import dev.finesynth.contracts.events.Relation;
import java.util.List;
import java.util.Optional;

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

  /**
   * Cosine similarity between each relation's documents, {@code [relation][i][j]}, for the
   * teacher's pseudo-relevance feedback; empty for scorers without document vectors
   * (cross-encoders, BM25).
   */
  default Optional<List<double[][]>> documentSimilarities(List<Relation> relations) {
    return Optional.empty();
  }
}
