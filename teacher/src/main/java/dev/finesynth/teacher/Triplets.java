package dev.finesynth.teacher;

import dev.finesynth.contracts.events.RelatedDocument;
import dev.finesynth.contracts.events.Relation;
import dev.finesynth.contracts.events.Triplet;
import java.util.ArrayList;
import java.util.List;

/** Builds the {@code numRelations - 1} triplets of each relation from the teacher's scores. */
public final class Triplets {
  private Triplets() {}

  /** The positive is the relation's first document; every other one is a negative. */
  public static List<Triplet> from(List<Relation> relations, List<double[]> scores) {
    List<Triplet> triplets = new ArrayList<>();
    for (int r = 0; r < relations.size(); r++) {
      Relation relation = relations.get(r);
      double[] row = scores.get(r);
      RelatedDocument positive = relation.documents().get(0);
      for (int d = 1; d < row.length; d++) {
        RelatedDocument negative = relation.documents().get(d);
        triplets.add(
            Triplet.of(
                relation.runId(),
                relation.queryId(),
                relation.query(),
                positive.docId(),
                positive.text(),
                negative.docId(),
                negative.text(),
                row[0],
                row[d]));
      }
    }
    return triplets;
  }
}
