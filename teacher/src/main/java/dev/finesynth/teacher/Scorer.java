package dev.finesynth.teacher;

import dev.finesynth.contracts.events.Relation;
import java.util.List;

/** Scores every (query, document) pair of a batch of relations: one array per relation. */
public interface Scorer {
  List<double[]> score(List<Relation> relations);
}
