package dev.finesynth.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.finesynth.contracts.validation.Checks;
import java.time.Instant;
import java.util.Map;

/**
 * Status, progress or a log line of one stage of a run, keyed by run id.
 *
 * @param stage the stage that speaks: {@code miner}, {@code scorer}, {@code dataset}, {@code
 *     trainer}, {@code evaluator} or {@code run}
 * @param counts progress figures, e.g. {@code queries=120}; a stage with several instances
 *     publishes each instance's own counts, which readers sum over the instances
 * @param instance the service instance that speaks (a pod name, {@code miner-1}); null when not
 *     known, as in events older than the field
 */
public record RunEvent(
    int schemaVersion,
    String runId,
    String stage,
    RunEventType type,
    String message,
    Map<String, Double> counts,
    Instant timestamp,
    @JsonInclude(JsonInclude.Include.NON_NULL) String instance)
    implements Event {

  /**
   * Stages whose instances share a run's records: each instance's progress counts its own share,
   * and a reader sums the shares over the instances.
   */
  public static final java.util.Set<String> SHARED_STAGES = java.util.Set.of("miner", "scorer");

  public static RunEvent of(String runId, String stage, RunEventType type, String message) {
    return new RunEvent(SCHEMA_VERSION, runId, stage, type, message, Map.of(), Instant.now(), null);
  }

  public static RunEvent progress(
      String runId, String stage, String message, Map<String, Double> counts) {
    return new RunEvent(
        SCHEMA_VERSION,
        runId,
        stage,
        RunEventType.PROGRESS,
        message,
        Map.copyOf(counts),
        Instant.now(),
        null);
  }

  /** The same event, told by {@code instance}. */
  public RunEvent from(String instance) {
    return new RunEvent(schemaVersion, runId, stage, type, message, counts, timestamp, instance);
  }

  public String key() {
    return runId;
  }

  /**
   * Unlike the other events, a run event may carry any run id, not only one that is a folder name:
   * it is how the services say that a spec was rejected (for instance for a run id that is a path),
   * under the id the producer used. Nothing is stored under it.
   */
  @Override
  public void validate(Checks checks) {
    checks
        .id("runId", runId)
        .id("stage", stage)
        .present("type", type)
        .present("timestamp", timestamp);
    checks.optionalText("message", message);
    if (instance != null) {
      checks.id("instance", instance);
    }
  }
}
