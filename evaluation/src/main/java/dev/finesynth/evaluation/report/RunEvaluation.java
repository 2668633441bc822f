package dev.finesynth.evaluation.report;

import dev.finesynth.evaluation.metrics.Metric;
import java.util.ArrayList;
import java.util.List;

/** Every checkpoint of one fine-tuning run, in training order; the first is the baseline. */
public record RunEvaluation(String runId, List<Checkpoint> checkpoints) {

  public RunEvaluation {
    checkpoints = List.copyOf(checkpoints);
    if (checkpoints.isEmpty()) {
      throw new IllegalArgumentException("a run needs at least its base checkpoint");
    }
  }

  public Checkpoint base() {
    return checkpoints.get(0);
  }

  public Checkpoint last() {
    return checkpoints.get(checkpoints.size() - 1);
  }

  /** The cut-offs of the base evaluation; every checkpoint is expected to use the same ones. */
  public List<Integer> ks() {
    return base().report().ks();
  }

  /** metric@k keys in table order: by metric, then by k. */
  public List<String> metricKeys() {
    List<String> keys = new ArrayList<>();
    for (Metric metric : Metric.values()) {
      for (int k : ks()) {
        keys.add(metric.at(k));
      }
    }
    return keys;
  }

  /** Last minus base; positive means fine-tuning helped. */
  public double delta(String metricKey) {
    return mean(last(), metricKey) - mean(base(), metricKey);
  }

  static double mean(Checkpoint checkpoint, String metricKey) {
    Double value = checkpoint.report().means().get(metricKey);
    if (value == null) {
      throw new IllegalArgumentException(checkpoint.name() + " has no " + metricKey);
    }
    return value;
  }
}
