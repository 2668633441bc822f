package dev.finesynth.evaluation.report;

import dev.finesynth.evaluation.metrics.RetrievalReport;
import java.util.Objects;

/** The evaluation of one model state: "base" (epoch 0), "epoch 1", ..., "final". */
public record Checkpoint(String name, int epoch, RetrievalReport report) {

  public Checkpoint {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(report, "report");
  }
}
