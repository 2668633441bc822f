package dev.finesynth.contracts.events;

import dev.finesynth.contracts.validation.Checks;
import java.time.Instant;

/**
 * A synthesis run as a user asked for it, keyed by run id on the compacted {@code runs} topic.
 *
 * @param name unique human name, used to find the run again from any machine
 * @param numRelations documents mined per query: one positive and {@code numRelations - 1}
 *     negatives
 * @param expectedDocuments the corpus is complete once this many documents are indexed
 * @param expectedQueries the dataset is complete at {@code expectedQueries * (numRelations - 1)}
 *     triplets
 * @param training null when the run only synthesizes
 * @param evaluation null when no held-out data was given
 */
public record RunSpec(
    int schemaVersion,
    String runId,
    String name,
    String corpusId,
    SynthesisModels models,
    int numRelations,
    int maxQueryLength,
    int maxDocumentLength,
    int batchSize,
    long expectedDocuments,
    long expectedQueries,
    TrainingSpec training,
    EvaluationSpec evaluation,
    Instant createdAt)
    implements Event {

  public String key() {
    return runId;
  }

  /** Rows the complete dataset holds. */
  public long expectedTriplets() {
    return expectedQueries * (numRelations - 1L);
  }

  @Override
  public void validate(Checks checks) {
    checks.id("runId", runId).id("name", name).id("corpusId", corpusId).nested("models", models);
    checks.atLeast("numRelations", numRelations, 2).atLeast("maxQueryLength", maxQueryLength, 8);
    checks.atLeast("maxDocumentLength", maxDocumentLength, 8).atLeast("batchSize", batchSize, 1);
    checks
        .atLeast("expectedDocuments", expectedDocuments, 1)
        .atLeast("expectedQueries", expectedQueries, 1);
    if (training != null) {
      checks.nested("training", training);
    }
    if (evaluation != null) {
      checks.nested("evaluation", evaluation);
    }
    checks.present("createdAt", createdAt);
  }
}
