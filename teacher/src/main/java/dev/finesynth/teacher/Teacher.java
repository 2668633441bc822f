package dev.finesynth.teacher;

import dev.finesynth.contracts.events.Relation;
import java.util.ArrayList;
import java.util.List;

/**
 * The judge that labels triplets: one or more scorers whose scores are fused into one.
 *
 * <p>Fusion {@code mean} is the weighted average of raw scores. With bi-encoder scorers that is a
 * cosine similarity, the same scale as the student's cosine similarity in MarginMSE, so the margin
 * labels need no rescaling.
 */
public final class Teacher {
  private final List<Scorer> scorers;
  private final double[] weights;
  private final String description;

  public Teacher(List<Scorer> scorers, double[] weights, String description) {
    if (scorers.isEmpty() || scorers.size() != weights.length) {
      throw new IllegalArgumentException("a teacher needs one weight per scorer");
    }
    this.scorers = List.copyOf(scorers);
    this.weights = weights.clone();
    this.description = description;
  }

  /** Fused scores: one array per relation, one score per document. */
  public List<double[]> score(List<Relation> relations) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    List<double[]> fused = new ArrayList<>(relations.size());
    for (Relation relation : relations) {
      fused.add(new double[relation.documents().size()]);
    }
    for (int s = 0; s < scorers.size(); s++) {
      List<double[]> scores = scorers.get(s).score(relations);
      for (int r = 0; r < relations.size(); r++) {
        double[] row = fused.get(r);
        for (int d = 0; d < row.length; d++) {
          row[d] += weights[s] / total * scores.get(r)[d];
        }
      }
    }
    return fused;
  }

  public String description() {
    return description;
  }
}
