package dev.finesynth.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param skipBadRecords true: records of the run that cannot be read (dead-lettered) are left out,
 *     and the run finishes without them and says so; false or absent: the run fails naming them
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
    Instant createdAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) Boolean skipBadRecords)
    implements Event {

  public String key() {
    return runId;
  }

  /** This spec with another training (null: synthesis only). */
  public RunSpec withTraining(TrainingSpec newTraining) {
    return new RunSpec(
        schemaVersion,
        runId,
        name,
        corpusId,
        models,
        numRelations,
        maxQueryLength,
        maxDocumentLength,
        batchSize,
        expectedDocuments,
        expectedQueries,
        newTraining,
        evaluation,
        createdAt,
        skipBadRecords);
  }

  /** This spec, leaving out records that cannot be read. */
  public RunSpec skippingBadRecords() {
    return new RunSpec(
        schemaVersion,
        runId,
        name,
        corpusId,
        models,
        numRelations,
        maxQueryLength,
        maxDocumentLength,
        batchSize,
        expectedDocuments,
        expectedQueries,
        training,
        evaluation,
        createdAt,
        true);
  }

  /** Whether records of this run that cannot be read are left out instead of failing the run. */
  public boolean skipsBadRecords() {
    return Boolean.TRUE.equals(skipBadRecords);
  }

  /** Whether this run mines and scores its own dataset (a fit of an earlier dataset does not). */
  public boolean synthesizes() {
    return training == null || training.datasetRunId() == null;
  }

  /**
   * The stage whose completion ends the run: the evaluation of the final model when held-out data
   * was given, else the training when asked for, else the dataset. That stage's service publishes
   * the run's FINISHED event.
   */
  public String finalStage() {
    if (training != null && evaluation != null) {
      return "evaluator";
    }
    return training != null ? "trainer" : "dataset";
  }

  /** The spec with its preset's settings wherever it gives none. */
  @Override
  public RunSpec resolved() {
    if (models == null) {
      return this;
    }
    SynthesisModels full = models.withPresetDefaults();
    return full == models
        ? this
        : new RunSpec(
            schemaVersion,
            runId,
            name,
            corpusId,
            full,
            numRelations,
            maxQueryLength,
            maxDocumentLength,
            batchSize,
            expectedDocuments,
            expectedQueries,
            training,
            evaluation,
            createdAt,
            skipBadRecords);
  }

  /** Rows the complete dataset holds when every query yields all its triplets. */
  public long expectedTriplets() {
    return expectedQueries * (numRelations - 1L);
  }

  @Override
  public void validate(Checks checks) {
    checks
        .pathSegment("runId", runId)
        .id("name", name)
        .pathSegment("corpusId", corpusId)
        .nested("models", models);
    checks.atLeast("numRelations", numRelations, 2).atLeast("maxQueryLength", maxQueryLength, 8);
    if (synthesizes() && numRelations > expectedDocuments && expectedDocuments >= 1) {
      throw new dev.finesynth.contracts.validation.InvalidEventException(
          "numRelations",
          "is "
              + numRelations
              + ", more than the corpus's "
              + expectedDocuments
              + " documents: no query can have that many candidates");
    }
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
