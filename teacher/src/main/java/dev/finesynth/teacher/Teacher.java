package dev.finesynth.teacher;

import dev.finesynth.contracts.events.RelatedDocument;
import dev.finesynth.contracts.events.Relation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The judge that labels triplets: one or more scorers whose scores are fused into one label per
 * candidate, on the scale of the student's cosine similarity (see {@link Fusion}).
 *
 * <p>The reference scale for {@code zscore} and {@code rrf} is the weighted mean cosine of the
 * teacher's bi-encoder scorers; a teacher without a bi-encoder uses the miner's cosine ({@link
 * RelatedDocument#minerScore()}) instead. A label scale above 1 then stretches each query's labels
 * around their mean, so every margin grows by that factor (see {@code SynthesisModels#labelScale}).
 */
public final class Teacher {
  private final List<Scorer> scorers;
  private final double[] weights;
  private final Fusion fusion;
  private final double labelScale;
  private final String description;

  public Teacher(List<Scorer> scorers, double[] weights, Fusion fusion, String description) {
    this(scorers, weights, fusion, 1, description);
  }

  public Teacher(
      List<Scorer> scorers,
      double[] weights,
      Fusion fusion,
      double labelScale,
      String description) {
    if (!(labelScale > 0)) {
      throw new IllegalArgumentException("label scale must be above 0, not " + labelScale);
    }
    if (scorers.isEmpty() || scorers.size() != weights.length) {
      throw new IllegalArgumentException("a teacher needs one weight per scorer");
    }
    this.scorers = List.copyOf(scorers);
    this.weights = weights.clone();
    this.fusion = fusion;
    this.labelScale = labelScale;
    this.description = description;
  }

  /** Fused labels: one array per relation, one score per document. */
  public List<double[]> score(List<Relation> relations) {
    List<List<double[]>> perScorer = new ArrayList<>(scorers.size());
    for (Scorer scorer : scorers) {
      perScorer.add(scorer.score(relations));
    }
    List<double[]> fused = new ArrayList<>(relations.size());
    for (int r = 0; r < relations.size(); r++) {
      List<double[]> rows = new ArrayList<>(scorers.size());
      for (List<double[]> scores : perScorer) {
        rows.add(scores.get(r));
      }
      fused.add(stretched(fusion.fuse(rows, weights, reference(relations.get(r), rows))));
    }
    return fused;
  }

  /** {@code mean + labelScale * (label - mean)}: margins times the scale, order and mean kept. */
  private double[] stretched(double[] labels) {
    if (labelScale == 1) {
      return labels;
    }
    double mean = Arrays.stream(labels).average().orElse(0);
    return Arrays.stream(labels).map(v -> mean + labelScale * (v - mean)).toArray();
  }

  /** The weighted mean cosine of the bi-encoders, or the miner's cosine without any. */
  private double[] reference(Relation relation, List<double[]> rows) {
    double[] ref = new double[relation.documents().size()];
    double total = 0;
    for (int s = 0; s < scorers.size(); s++) {
      if (scorers.get(s).cosineScale()) {
        total += weights[s];
        for (int d = 0; d < ref.length; d++) {
          ref[d] += weights[s] * rows.get(s)[d];
        }
      }
    }
    for (int d = 0; d < ref.length; d++) {
      ref[d] = total > 0 ? ref[d] / total : relation.documents().get(d).minerScore();
    }
    return ref;
  }

  public Fusion fusion() {
    return fusion;
  }

  public String description() {
    return description;
  }
}
