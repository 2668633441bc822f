package dev.finesynth.encoders.train;

/**
 * A listwise distillation term added to MarginMSE: for each query of a batch, the KL divergence
 * from the teacher's softmax over that query's candidates in the batch (its positive and negatives)
 * to the student's. MarginMSE weighs every margin alike; the softmax puts the weight on the
 * candidates near the top, which is what NDCG@10 reads.
 *
 * <p>The teacher's scores come from the margins alone: the positive scores 0 and a negative {@code
 * -margin}, since only differences enter a softmax. Both sides are divided by {@code temperature}
 * (at the labels' cosine scale, 0.05 turns a margin of 0.1 into a factor e^2).
 *
 * @param weight multiplies the mean KL per query before it is added to the MarginMSE; 0 turns it
 *     off
 * @param temperature divides teacher and student scores; positive
 */
public record ListwiseKl(float weight, float temperature) {
  public static final float DEFAULT_TEMPERATURE = 0.05f;

  /** No listwise term: MarginMSE alone. */
  public static final ListwiseKl OFF = new ListwiseKl(0f, DEFAULT_TEMPERATURE);

  public ListwiseKl {
    if (!(weight >= 0) || !Float.isFinite(weight)) {
      throw new IllegalArgumentException("listwise weight must be finite and >= 0: " + weight);
    }
    if (!(temperature > 0) || !Float.isFinite(temperature)) {
      throw new IllegalArgumentException("listwise temperature must be > 0: " + temperature);
    }
  }

  public boolean on() {
    return weight > 0;
  }
}
