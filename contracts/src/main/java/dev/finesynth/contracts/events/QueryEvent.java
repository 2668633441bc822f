package dev.finesynth.contracts.events;

import dev.finesynth.contracts.validation.Checks;

/** A search query of a run, keyed by run id so that a run's queries stay in order. */
public record QueryEvent(int schemaVersion, String runId, String queryId, String text)
    implements Event {

  public static QueryEvent of(String runId, String queryId, String text) {
    return new QueryEvent(SCHEMA_VERSION, runId, queryId, text);
  }

  public String key() {
    return runId;
  }

  @Override
  public void validate(Checks checks) {
    checks.id("runId", runId).id("queryId", queryId).text("text", text);
  }
}
