package dev.finesynth.teacher;

import dev.finesynth.contracts.events.RelatedDocument;
import dev.finesynth.contracts.events.Relation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The judge that labels triplets: one or more scorers whose scores are fused into one label per
 * candidate, on the scale of the student's cosine similarity (see {@link Fusion}).
 *
 * <p>The reference scale for {@code zscore} and {@code rrf} is the weighted mean cosine of the
 * teacher's bi-encoder scorers; a teacher without a bi-encoder uses the miner's cosine ({@link
 * RelatedDocument#minerScore()}) instead. A label scale above 1 then stretches each query's labels
 * around their mean, so every margin grows by that factor (see {@code SynthesisModels#labelScale}).
 *
 * <p>With feedback the teacher scores in two passes: the first fusion finds each query's best
 * candidate, then every scorer with document vectors adds {@code feedback} times each candidate's
 * cosine to it ({@link Feedback}) and the scores are fused again.
 */
public final class Teacher {
  private final List<Scorer> scorers;
  private final double[] weights;
  private final Fusion fusion;
  private final double labelScale;
  private final double feedback;
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
    this(scorers, weights, fusion, labelScale, 0, description);
  }

  public Teacher(
      List<Scorer> scorers,
      double[] weights,
      Fusion fusion,
      double labelScale,
      double feedback,
      String description) {
    if (!(feedback >= 0)) {
      throw new IllegalArgumentException("feedback must be 0 or more, not " + feedback);
    }
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
    this.feedback = feedback;
    this.description = description;
  }

  /** Fused labels: one array per relation, one score per document. */
  public List<double[]> score(List<Relation> relations) {
    List<List<double[]>> perScorer = new ArrayList<>(scorers.size());
    List<Optional<List<double[][]>>> similarities = new ArrayList<>(scorers.size());
    for (Scorer scorer : scorers) {
      perScorer.add(scorer.score(relations));
      similarities.add(feedback > 0 ? scorer.documentSimilarities(relations) : Optional.empty());
    }
    List<double[]> fused = new ArrayList<>(relations.size());
    for (int r = 0; r < relations.size(); r++) {
      List<double[]> rows = new ArrayList<>(scorers.size());
      for (List<double[]> scores : perScorer) {
        rows.add(scores.get(r));
      }
      double[] labels = fusion.fuse(rows, weights, reference(relations.get(r), rows));
      if (feedback > 0) {
        List<double[]> fed = fedBack(rows, similarities, r, labels);
        labels = fusion.fuse(fed, weights, reference(relations.get(r), fed));
      }
      fused.add(stretched(labels));
    }
    return fused;
  }

  /** Relation {@code r}'s rows with feedback toward the first pass's best candidate. */
  private List<double[]> fedBack(
      List<double[]> rows,
      List<Optional<List<double[][]>>> similarities,
      int r,
      double[] firstPass) {
    List<double[]> fed = new ArrayList<>(rows.size());
    for (int s = 0; s < rows.size(); s++) {
      double[] scores = rows.get(s);
      fed.add(
          similarities
              .get(s)
              .map(sims -> Feedback.apply(scores, sims.get(r), firstPass, feedback))
              .orElse(scores));
    }
    return fed;
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
