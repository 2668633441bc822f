package dev.finesynth.contracts.events;

import dev.finesynth.contracts.validation.Checks;
import java.time.Instant;

/**
 * Triplets a query of a run will not yield, keyed {@code runId/queryId}: the query had fewer
 * candidates than the run asks for, or its record could not be read and the run skips bad records.
 * The dataset is complete when its rows and its shortfalls add up to the run's expected triplets; a
 * shortfall published twice (a replay) counts once, by key.
 *
 * @param stage the stage that fell short: {@code miner} or {@code scorer}
 * @param missing the triplets the query will not yield, 1 to {@code numRelations - 1}
 */
public record Shortfall(
    int schemaVersion,
    String runId,
    String queryId,
    String stage,
    int missing,
    String reason,
    Instant timestamp)
    implements Event {

  public static Shortfall of(
      String runId, String queryId, String stage, int missing, String reason) {
    return new Shortfall(SCHEMA_VERSION, runId, queryId, stage, missing, reason, Instant.now());
  }

  public String key() {
    return Keys.of(runId, queryId);
  }

  @Override
  public void validate(Checks checks) {
    checks.pathSegment("runId", runId).id("queryId", queryId).id("stage", stage);
    checks.atLeast("missing", missing, 1).text("reason", reason).present("timestamp", timestamp);
  }
}
