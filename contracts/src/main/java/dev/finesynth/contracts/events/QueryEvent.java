package dev.finesynth.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.finesynth.contracts.validation.Checks;

/**
 * A search query of a run, keyed {@code runId/queryId} so that one run's queries spread over the
 * partitions and every miner instance of the group takes a share. Records written before this key
 * (keyed by run id alone) are read the same way: the run is taken from the value, never the key.
 *
 * @param sourceDocId the corpus document the query was made from (a pseudo-query), which mining
 *     leaves out of its candidates; null (left out of the JSON) for a real query
 */
public record QueryEvent(
    int schemaVersion,
    String runId,
    String queryId,
    String text,
    @JsonInclude(JsonInclude.Include.NON_NULL) String sourceDocId)
    implements Event {

  public static QueryEvent of(String runId, String queryId, String text) {
    return of(runId, queryId, text, null);
  }

  public static QueryEvent of(String runId, String queryId, String text, String sourceDocId) {
    return new QueryEvent(SCHEMA_VERSION, runId, queryId, text, sourceDocId);
  }

  public String key() {
    return Keys.of(runId, queryId);
  }

  @Override
  public void validate(Checks checks) {
    checks.pathSegment("runId", runId).id("queryId", queryId).text("text", text);
    if (sourceDocId != null) {
      checks.id("sourceDocId", sourceDocId);
    }
  }
}
