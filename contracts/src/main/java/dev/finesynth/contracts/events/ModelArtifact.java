package dev.finesynth.contracts.events;

import dev.finesynth.contracts.validation.Checks;
import java.time.Instant;

/**
 * A model the trainer has written to the model store, keyed by run id.
 *
 * @param location folder of the sentence-transformers export (a path in the shared model store)
 * @param finalModel whether this is the last epoch's model, the one the run delivers
 */
public record ModelArtifact(
    int schemaVersion,
    String runId,
    int epoch,
    boolean finalModel,
    String location,
    String baseModel,
    String datasetChecksum,
    Instant timestamp)
    implements Event {

  public static ModelArtifact of(
      String runId,
      int epoch,
      boolean finalModel,
      String location,
      String baseModel,
      String checksum) {
    return new ModelArtifact(
        SCHEMA_VERSION, runId, epoch, finalModel, location, baseModel, checksum, Instant.now());
  }

  public String key() {
    return runId;
  }

  @Override
  public void validate(Checks checks) {
    checks
        .pathSegment("runId", runId)
        .atLeast("epoch", epoch, 1)
        .id("location", location)
        .id("baseModel", baseModel)
        .id("datasetChecksum", datasetChecksum)
        .present("timestamp", timestamp);
  }
}
