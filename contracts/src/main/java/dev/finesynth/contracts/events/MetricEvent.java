package dev.finesynth.contracts.events;

import dev.finesynth.contracts.validation.Checks;
import java.time.Instant;

/**
 * One measured value of a run: a training loss, or a retrieval metric of a model.
 *
 * @param model which model was measured, e.g. {@code base} or {@code fine-tuned}
 * @param epoch training epoch the value belongs to; 0 for the base model before training
 * @param k cut-off of a retrieval metric, or 0 where none applies (a loss)
 */
public record MetricEvent(
    int schemaVersion,
    String runId,
    String stage,
    String model,
    int epoch,
    String metric,
    int k,
    double value,
    Instant timestamp)
    implements Event {

  public static MetricEvent of(
      String runId, String stage, String model, int epoch, String metric, int k, double value) {
    return new MetricEvent(
        SCHEMA_VERSION, runId, stage, model, epoch, metric, k, value, Instant.now());
  }

  public String key() {
    return runId;
  }

  @Override
  public void validate(Checks checks) {
    checks
        .pathSegment("runId", runId)
        .id("stage", stage)
        .id("model", model)
        .atLeast("epoch", epoch, 0)
        .id("metric", metric)
        .atLeast("k", k, 0)
        .finite("value", value)
        .present("timestamp", timestamp);
  }
}
