package dev.finesynth.contracts.events;

import dev.finesynth.contracts.validation.Checks;
import java.time.Instant;
import java.util.Map;

/**
 * Status, progress or a log line of one stage of a run, keyed by run id.
 *
 * @param stage the stage that speaks: {@code miner}, {@code scorer}, {@code dataset}, {@code
 *     trainer}, {@code evaluator} or {@code run}
 * @param counts progress figures, e.g. {@code queries=120}
 */
public record RunEvent(
    int schemaVersion,
    String runId,
    String stage,
    RunEventType type,
    String message,
    Map<String, Double> counts,
    Instant timestamp)
    implements Event {

  public static RunEvent of(String runId, String stage, RunEventType type, String message) {
    return new RunEvent(SCHEMA_VERSION, runId, stage, type, message, Map.of(), Instant.now());
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
        Instant.now());
  }

  public String key() {
    return runId;
  }

  @Override
  public void validate(Checks checks) {
    checks
        .id("runId", runId)
        .id("stage", stage)
        .present("type", type)
        .present("timestamp", timestamp);
    checks.optionalText("message", message);
  }
}
