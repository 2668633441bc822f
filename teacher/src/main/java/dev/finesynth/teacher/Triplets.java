package dev.finesynth.teacher;

import dev.finesynth.contracts.events.RelatedDocument;
import dev.finesynth.contracts.events.Relation;
import dev.finesynth.contracts.events.SynthesisModels;
import dev.finesynth.contracts.events.Triplet;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@code numRelations - 1} triplets of each relation from the teacher's fused scores:
 * one positive, every other candidate a negative, {@code margin = fused(pos) - fused(neg)}.
 */
public final class Triplets {
  private Triplets() {}

  /** Who picks the positive among a relation's candidates. */
  public enum Positive {
    /** The miner's rank-1 document, the relation's first. */
    MINER,
    /** The candidate the fused teacher scores highest (the earlier one on a tie). */
    TEACHER;

    /** {@code miner} or {@code teacher}, as in {@link SynthesisModels#positive()}. */
    public static Positive of(String name) {
      return switch (name) {
        case SynthesisModels.POSITIVE_MINER -> MINER;
        case SynthesisModels.POSITIVE_TEACHER -> TEACHER;
        default ->
            throw new IllegalArgumentException(
                "unknown positive '" + name + "'; known: miner, teacher");
      };
    }

    /** The index of the positive among the candidates. */
    public int pick(double[] fused) {
      int best = 0;
      if (this == TEACHER) {
        for (int d = 1; d < fused.length; d++) {
          if (fused[d] > fused[best]) {
            best = d;
          }
        }
      }
      return best;
    }
  }

  /** The positive is the relation's first document; every other one is a negative. */
  public static List<Triplet> from(List<Relation> relations, List<double[]> scores) {
    return from(relations, scores, Positive.MINER);
  }

  public static List<Triplet> from(
      List<Relation> relations, List<double[]> scores, Positive positiveChoice) {
    List<Triplet> triplets = new ArrayList<>();
    for (int r = 0; r < relations.size(); r++) {
      Relation relation = relations.get(r);
      double[] row = scores.get(r);
      int p = positiveChoice.pick(row);
      RelatedDocument positive = relation.documents().get(p);
      for (int d = 0; d < row.length; d++) {
        if (d == p) {
          continue;
        }
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
                row[p],
                row[d]));
      }
    }
    return triplets;
  }
}
