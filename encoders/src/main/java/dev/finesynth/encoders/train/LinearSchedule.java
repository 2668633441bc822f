package dev.finesynth.encoders.train;

/**
 * Linear warmup from 0 to {@code baseRate} over {@code warmupSteps}, then linear decay to 0 at
 * {@code totalSteps}: the schedule of transformers' {@code get_linear_schedule_with_warmup} (and
 * sentence-transformers' {@code WarmupLinear}). Update {@code k} (counted from 0) uses {@code
 * learningRate(k)}, so with warmup the first update has rate 0, as there.
 *
 * @param totalSteps the number of updates of the whole run; 0 for no decay after warmup
 */
public record LinearSchedule(double baseRate, long warmupSteps, long totalSteps) {

  public LinearSchedule {
    if (!(baseRate >= 0) || Double.isInfinite(baseRate)) {
      throw new IllegalArgumentException("learning rate must be finite and >= 0: " + baseRate);
    }
    if (warmupSteps < 0 || totalSteps < 0) {
      throw new IllegalArgumentException("steps must not be negative");
    }
  }

  /** The rate of update {@code step} (0-based). */
  public float learningRate(long step) {
    return (float) (baseRate * factor(step));
  }

  double factor(long step) {
    if (step < warmupSteps) {
      return (double) step / Math.max(1, warmupSteps);
    }
    if (totalSteps == 0) {
      return 1.0;
    }
    return Math.max(0.0, (double) (totalSteps - step) / Math.max(1, totalSteps - warmupSteps));
  }
}
