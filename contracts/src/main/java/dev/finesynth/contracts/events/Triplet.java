package dev.finesynth.contracts.events;

import dev.finesynth.contracts.validation.Checks;

/**
 * One MarginMSE training example: a query, a positive and a negative document, and the teacher's
 * label {@code margin = positiveScore - negativeScore}. Keyed {@code runId/queryId/negativeId},
 * which is what makes the dataset sink idempotent.
 */
public record Triplet(
    int schemaVersion,
    String runId,
    String queryId,
    String query,
    String positiveId,
    String positive,
    String negativeId,
    String negative,
    double positiveScore,
    double negativeScore,
    double margin)
    implements Event {

  public static Triplet of(
      String runId,
      String queryId,
      String query,
      String positiveId,
      String positive,
      String negativeId,
      String negative,
      double positiveScore,
      double negativeScore) {
    return new Triplet(
        SCHEMA_VERSION,
        runId,
        queryId,
        query,
        positiveId,
        positive,
        negativeId,
        negative,
        positiveScore,
        negativeScore,
        positiveScore - negativeScore);
  }

  public String key() {
    return Keys.of(runId, queryId, negativeId);
  }

  @Override
  public void validate(Checks checks) {
    checks
        .pathSegment("runId", runId)
        .id("queryId", queryId)
        .text("query", query)
        .id("positiveId", positiveId)
        .text("positive", positive)
        .id("negativeId", negativeId)
        .text("negative", negative)
        .finite("positiveScore", positiveScore)
        .finite("negativeScore", negativeScore)
        .finite("margin", margin);
  }
}
