package dev.finesynth.contracts.events;

import dev.finesynth.contracts.validation.Checks;
import java.time.Instant;

/**
 * A run whose dataset is complete and which asks to be trained, keyed by run id. Published by the
 * trainer instance that completes the dataset (or sees the run arrive with its dataset complete);
 * the instance of the trainers' group that receives it trains the run and commits it only when the
 * run's training has ended, so a killed trainer's run is taken over by another.
 *
 * @param datasetRunId the run whose dataset it trains on: its own, or an earlier run's
 */
public record TrainingRequest(
    int schemaVersion, String runId, String datasetRunId, Instant timestamp) implements Event {

  public static TrainingRequest of(String runId, String datasetRunId) {
    return new TrainingRequest(SCHEMA_VERSION, runId, datasetRunId, Instant.now());
  }

  public String key() {
    return runId;
  }

  @Override
  public void validate(Checks checks) {
    checks
        .pathSegment("runId", runId)
        .pathSegment("datasetRunId", datasetRunId)
        .present("timestamp", timestamp);
  }
}
