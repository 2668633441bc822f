package dev.finesynth.client;

import dev.finesynth.contracts.events.EvaluationSpec;
import dev.finesynth.contracts.events.Presets;
import dev.finesynth.contracts.events.SynthesisModels;
import dev.finesynth.contracts.events.TrainingSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a user asks for when starting a synthesis run. Build it with {@link #builder()}; what is not
 * set keeps the defaults of Finetuner's {@code synthesize}: the offline preset, ten relations.
 */
public record RunRequest(
    String runId,
    String name,
    List<TextRecord> queries,
    List<TextRecord> documents,
    SynthesisModels models,
    int numRelations,
    int maxQueryLength,
    int maxDocumentLength,
    TrainingSpec training,
    EvaluationSpec evaluation,
    Map<String, String> querySources,
    boolean skipBadRecords,
    CorpusRef corpus) {

  /**
   * Documents already on the corpus topic under {@code corpusId} (another run's, or a producer's),
   * so the run uploads none.
   */
  public record CorpusRef(String corpusId, long documents) {}

  /** The document query {@code queryId} was made from, or null for a real query. */
  public String sourceOf(String queryId) {
    return querySources.get(queryId);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builder with {@code set*} for what is required and {@code opt*} for the rest. */
  public static final class Builder {
    private String runId;
    private String name;
    private CorpusRef corpus;
    private List<TextRecord> queries;
    private List<TextRecord> documents;
    private SynthesisModels models = Presets.models(Presets.DEFAULT);
    private int numRelations = 10;
    private int maxQueryLength = 64;
    private int maxDocumentLength = 256;
    private TrainingSpec training;
    private EvaluationSpec evaluation;
    private int pseudoQueries;
    private long pseudoQuerySeed = 42;
    private boolean skipBadRecords;

    public Builder setQueries(List<TextRecord> queries) {
      this.queries = List.copyOf(queries);
      return this;
    }

    public Builder setDocuments(List<TextRecord> documents) {
      this.documents = List.copyOf(documents);
      return this;
    }

    /** Runs the documents already on the corpus topic under {@code corpusId}; no upload. */
    public Builder setCorpus(String corpusId, long documents) {
      this.corpus = new CorpusRef(corpusId, documents);
      this.documents = List.of();
      return this;
    }

    /**
     * The run's id, where the caller derives it from something it owns (a Kubernetes resource's
     * uid): starting a request whose id already runs starts nothing. Random by default.
     */
    public Builder optRunId(String runId) {
      this.runId = runId;
      return this;
    }

    public Builder optName(String name) {
      this.name = name;
      return this;
    }

    public Builder optModels(SynthesisModels models) {
      this.models = models;
      return this;
    }

    public Builder optNumRelations(int numRelations) {
      this.numRelations = numRelations;
      return this;
    }

    public Builder optMaxLengths(int query, int document) {
      this.maxQueryLength = query;
      this.maxDocumentLength = document;
      return this;
    }

    public Builder optTraining(TrainingSpec training) {
      this.training = training;
      return this;
    }

    public Builder optEvaluation(EvaluationSpec evaluation) {
      this.evaluation = evaluation;
      return this;
    }

    /**
     * Adds {@code count} queries made from the corpus's titles or first sentences to the given ones
     * (see {@link PseudoQueries}), for a query log too small to cover the corpus; 0 by default.
     */
    public Builder optPseudoQueries(int count, long seed) {
      if (count < 0) {
        throw new IllegalArgumentException("pseudo-query count must not be negative: " + count);
      }
      this.pseudoQueries = count;
      this.pseudoQuerySeed = seed;
      return this;
    }

    /**
     * Leave out the run's records that cannot be read (queries added by other producers, say), and
     * finish without them; by default the run fails naming them.
     */
    public Builder optSkipBadRecords(boolean skip) {
      this.skipBadRecords = skip;
      return this;
    }

    public RunRequest build() {
      Objects.requireNonNull(queries, "queries are required");
      Objects.requireNonNull(documents, "documents are required");
      if (numRelations < 2) {
        throw new IllegalArgumentException(
            "numRelations must be at least 2 (one positive, one negative)");
      }
      List<TextRecord> allQueries = new ArrayList<>(queries);
      Map<String, String> sources = new HashMap<>();
      for (PseudoQueries.PseudoQuery pseudo :
          PseudoQueries.fromDocuments(documents, pseudoQueries, pseudoQuerySeed)) {
        allQueries.add(pseudo.query());
        sources.put(pseudo.query().id(), pseudo.documentId());
      }
      if (corpus == null && documents.isEmpty()) {
        throw new IllegalArgumentException("documents are required: the corpus is empty");
      }
      return new RunRequest(
          runId,
          name,
          List.copyOf(allQueries),
          documents,
          models,
          numRelations,
          maxQueryLength,
          maxDocumentLength,
          training,
          evaluation,
          Map.copyOf(sources),
          skipBadRecords,
          corpus);
    }
  }
}
