package dev.finesynth.contracts.events;

import dev.finesynth.contracts.validation.Checks;
import java.util.List;

/** The documents mined for one query, best first; keyed {@code runId/queryId}. */
public record Relation(
    int schemaVersion, String runId, String queryId, String query, List<RelatedDocument> documents)
    implements Event {

  public static Relation of(
      String runId, String queryId, String query, List<RelatedDocument> documents) {
    return new Relation(SCHEMA_VERSION, runId, queryId, query, List.copyOf(documents));
  }

  public String key() {
    return Keys.of(runId, queryId);
  }

  @Override
  public void validate(Checks checks) {
    checks.pathSegment("runId", runId).id("queryId", queryId).text("query", query);
    checks.notEmpty("documents", documents);
    if (documents.size() < 2) {
      throw new dev.finesynth.contracts.validation.InvalidEventException(
          "documents",
          "has " + documents.size() + " entry, needs a positive and at least one negative");
    }
    for (int i = 0; i < documents.size(); i++) {
      checks.nested("documents[" + i + "]", documents.get(i));
    }
  }
}
