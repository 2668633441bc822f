package dev.finesynth.teacher;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How a teacher combines its scorers' scores over one query's candidates into one score per
 * candidate.
 *
 * <ul>
 *   <li>{@code mean}: the weighted mean of raw scores. Meant for scorers on one scale: bi-encoder
 *       cosines give a cosine, cross-encoder logits a logit.
 *   <li>{@code zscore}: each scorer standardised over the query's candidates (mean 0, deviation 1),
 *       then the weighted mean of those standard scores.
 *   <li>{@code rrf}: weighted reciprocal-rank fusion, {@code sum w / (60 + rank)} over the
 *       candidates, weights normalised to sum 1.
 * </ul>
 *
 * <p><b>Label scale.</b> The student learns {@code sim(q, pos) - sim(q, neg)} with cosine
 * similarity at scale 1, so the labels must be cosine-sized. Standard scores and reciprocal ranks
 * are not, so {@link #fuse} maps {@code zscore} and {@code rrf} back onto a <i>reference</i>: per
 * query, {@code label = mean(ref) + sd(ref) * z}, where {@code ref} is the weighted mean cosine of
 * the teacher's bi-encoders over the same candidates (the label the {@code mean} fusion of those
 * bi-encoders would give) and {@code z} is the fused standard score. For {@code zscore} {@code z}
 * is the weighted mean of the scorers' standard scores itself, so when all scorers agree the labels
 * have exactly the bi-encoders' spread, and they shrink where the scorers disagree; for {@code rrf}
 * the fused reciprocal ranks are standardised first, so the labels always have the bi-encoders'
 * spread and keep the fused order. Margins are differences of these labels: the size of a mean
 * bi-encoder cosine margin, the order of the fused teacher.
 */
public enum Fusion {
  MEAN,
  ZSCORE,
  RRF;

  /** The usual reciprocal-rank constant (Cormack et al., 2009). */
  public static final double RRF_K = 60;

  public static Fusion of(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "mean" -> MEAN;
      case "zscore", "z-score" -> ZSCORE;
      case "rrf" -> RRF;
      default ->
          throw new IllegalArgumentException(
              "unknown fusion '" + name + "'; known: mean, zscore, rrf");
    };
  }

  public String specName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The fused score on the fusion's own scale (a weighted mean score, standard score or reciprocal
   * rank): what ranks the candidates, and all a retrieval benchmark needs.
   *
   * @param scores one array per scorer, each with one score per candidate
   * @param weights one weight per scorer
   */
  public double[] combine(List<double[]> scores, double[] weights) {
    if (scores.isEmpty() || scores.size() != weights.length) {
      throw new IllegalArgumentException(
          scores.size() + " score lists for " + weights.length + " weights");
    }
    int n = scores.get(0).length;
    double total = Arrays.stream(weights).sum();
    double[] fused = new double[n];
    for (int s = 0; s < scores.size(); s++) {
      double[] part =
          switch (this) {
            case MEAN -> scores.get(s);
            case ZSCORE -> standardised(scores.get(s));
            case RRF -> reciprocalRanks(scores.get(s));
          };
      if (part.length != n) {
        throw new IllegalArgumentException("scorer " + s + " scored " + part.length + " of " + n);
      }
      for (int d = 0; d < n; d++) {
        fused[d] += weights[s] / total * part[d];
      }
    }
    return fused;
  }

  /**
   * The fused score on the label scale: {@link #combine} for {@code mean}; for {@code zscore} and
   * {@code rrf}, the fused standard score mapped onto the per-query mean and deviation of {@code
   * reference} (see the class comment).
   *
   * @param reference one cosine-scale score per candidate, normally the weighted mean cosine of the
   *     teacher's bi-encoders
   */
  public double[] fuse(List<double[]> scores, double[] weights, double[] reference) {
    double[] fused = combine(scores, weights);
    return switch (this) {
      case MEAN -> fused;
      case ZSCORE -> onScaleOf(fused, reference);
      case RRF -> onScaleOf(standardised(fused), reference);
    };
  }

  /** Values with mean 0 and deviation 1 (all 0 when they are all equal). */
  static double[] standardised(double[] values) {
    double mu = mean(values);
    double sd = deviation(values, mu);
    return Arrays.stream(values).map(v -> sd == 0 ? 0 : (v - mu) / sd).toArray();
  }

  /** {@code 1 / (60 + rank)}, rank 1 for the highest score; tied scores share the better rank. */
  static double[] reciprocalRanks(double[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      int rank = 1;
      for (double other : values) {
        if (other > values[i]) {
          rank++;
        }
      }
      out[i] = 1 / (RRF_K + rank);
    }
    return out;
  }

  /** Standard scores {@code z} put on the scale of {@code reference}: mean + deviation * z. */
  static double[] onScaleOf(double[] z, double[] reference) {
    if (reference.length != z.length) {
      throw new IllegalArgumentException(
          "reference has " + reference.length + " scores for " + z.length + " candidates");
    }
    double mu = mean(reference);
    double sd = deviation(reference, mu);
    return Arrays.stream(z).map(v -> mu + sd * v).toArray();
  }

  private static double mean(double[] values) {
    return Arrays.stream(values).average().orElse(0);
  }

  /** Population standard deviation. */
  private static double deviation(double[] values, double mu) {
    return Math.sqrt(Arrays.stream(values).map(v -> (v - mu) * (v - mu)).average().orElse(0));
  }
}
