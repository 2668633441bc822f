package dev.finesynth.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.finesynth.contracts.validation.Checks;
import dev.finesynth.contracts.validation.Validated;
import java.util.function.Consumer;

/**
 * How to fine-tune the student on a run's dataset with MarginMSE.
 *
 * @param baseModel model to start from; null means the run's miner model
 * @param similarity {@code dot} or {@code cosine}: the student similarity whose margin is regressed
 *     on the label
 * @param scale multiplies the student's similarity so its range fits the labels' range
 * @param optimizer {@code Adam} or {@code AdamW}
 * @param tripletsPerQuery up to this many triplets of one query go into a batch together, so their
 *     query and positive are encoded once (1: every triplet shuffled on its own; {@link
 *     #WHOLE_QUERY}: all of them, with the batch size rounded to whole queries); null (left out of
 *     the JSON) means 1, how specs written before grouping existed were trained
 * @param listwise a listwise KL term beside MarginMSE over each query's candidates in a batch; null
 *     (left out of the JSON) for MarginMSE alone
 * @param warmupSteps steps of linear learning-rate warmup; -1 for the first 10% of all steps
 * @param datasetRunId train on the dataset of this earlier run; null means the run's own dataset
 */
public record TrainingSpec(
    String baseModel,
    String similarity,
    double scale,
    String optimizer,
    double learningRate,
    int epochs,
    int batchSize,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer tripletsPerQuery,
    @JsonInclude(JsonInclude.Include.NON_NULL) ListwiseSpec listwise,
    int warmupSteps,
    int maxSeqLength,
    long seed,
    int checkpointEverySteps,
    String datasetRunId)
    implements Validated {

  /**
   * {@code tripletsPerQuery} for all of a query's triplets in one batch, the batch size rounded to
   * the nearest multiple of a query's list (32 becomes 38 at 19 triplets per query), so the
   * listwise term sees each query's whole candidate list; a list longer than one and a half batches
   * is cut into runs of the batch size.
   */
  public static final int WHOLE_QUERY = 0;

  /**
   * Grouping of {@link #defaults()}: whole queries. On Cranfield NDCG@10 +0.2-0.4 points over runs
   * of 8 at every epoch with the listwise term, at the same examples/s (see the README).
   */
  public static final int DEFAULT_TRIPLETS_PER_QUERY = WHOLE_QUERY;

  /** What a spec that does not say means: specs written before grouping existed, ungrouped. */
  public static final int UNSET_TRIPLETS_PER_QUERY = 1;

  /** Finetuner's and GPL's defaults, with a cosine similarity matching the bi-encoder teacher. */
  public static TrainingSpec defaults() {
    return new TrainingSpec(
        null,
        "cosine",
        1.0,
        "AdamW",
        1e-5,
        3,
        32,
        DEFAULT_TRIPLETS_PER_QUERY,
        ListwiseSpec.of(ListwiseSpec.DEFAULT_WEIGHT),
        -1,
        256,
        42L,
        500,
        null);
  }

  public TrainingSpec withBaseModel(String model) {
    return with(d -> d.baseModel = model);
  }

  public TrainingSpec withSchedule(
      String optimizer, double learningRate, int epochs, int batchSize, int warmupSteps) {
    return with(
        d -> {
          d.optimizer = optimizer;
          d.learningRate = learningRate;
          d.epochs = epochs;
          d.batchSize = batchSize;
          d.warmupSteps = warmupSteps;
        });
  }

  public TrainingSpec withSimilarity(String similarity, double scale) {
    return with(
        d -> {
          d.similarity = similarity;
          d.scale = scale;
        });
  }

  /** Another seed: the shuffling order (the only randomness; the blocks have no dropout). */
  public TrainingSpec withSeed(long seed) {
    return with(d -> d.seed = seed);
  }

  public TrainingSpec withCheckpointEverySteps(int steps) {
    return with(d -> d.checkpointEverySteps = steps);
  }

  public TrainingSpec withDatasetRunId(String runId) {
    return with(d -> d.datasetRunId = runId);
  }

  /** {@code tripletsPerQuery}, or {@link #UNSET_TRIPLETS_PER_QUERY} when unset. */
  public int tripletsPerQueryOrDefault() {
    return tripletsPerQuery != null ? tripletsPerQuery : UNSET_TRIPLETS_PER_QUERY;
  }

  public TrainingSpec withTripletsPerQuery(Integer triplets) {
    return with(d -> d.tripletsPerQuery = triplets);
  }

  /** {@code listwise}, or null (MarginMSE alone). */
  public TrainingSpec withListwise(ListwiseSpec listwise) {
    return with(d -> d.listwise = listwise);
  }

  private TrainingSpec with(Consumer<Draft> change) {
    Draft draft = new Draft(this);
    change.accept(draft);
    return draft.build();
  }

  /** A mutable copy, so each {@code with*} names only what it changes. */
  private static final class Draft {
    String baseModel;
    String similarity;
    double scale;
    String optimizer;
    double learningRate;
    int epochs;
    int batchSize;
    Integer tripletsPerQuery;
    ListwiseSpec listwise;
    int warmupSteps;
    int maxSeqLength;
    long seed;
    int checkpointEverySteps;
    String datasetRunId;

    Draft(TrainingSpec s) {
      baseModel = s.baseModel;
      similarity = s.similarity;
      scale = s.scale;
      optimizer = s.optimizer;
      learningRate = s.learningRate;
      epochs = s.epochs;
      batchSize = s.batchSize;
      tripletsPerQuery = s.tripletsPerQuery;
      listwise = s.listwise;
      warmupSteps = s.warmupSteps;
      maxSeqLength = s.maxSeqLength;
      seed = s.seed;
      checkpointEverySteps = s.checkpointEverySteps;
      datasetRunId = s.datasetRunId;
    }

    TrainingSpec build() {
      return new TrainingSpec(
          baseModel,
          similarity,
          scale,
          optimizer,
          learningRate,
          epochs,
          batchSize,
          tripletsPerQuery,
          listwise,
          warmupSteps,
          maxSeqLength,
          seed,
          checkpointEverySteps,
          datasetRunId);
    }
  }

  /** The run whose dataset this training reads. */
  public String datasetOf(String runId) {
    return datasetRunId != null ? datasetRunId : runId;
  }

  @Override
  public void validate(Checks checks) {
    checks.id("similarity", similarity).finite("scale", scale).id("optimizer", optimizer);
    checks.finite("learningRate", learningRate).atLeast("epochs", epochs, 1);
    checks.atLeast("batchSize", batchSize, 1).atLeast("warmupSteps", warmupSteps, -1);
    if (tripletsPerQuery != null) {
      checks.atLeast("tripletsPerQuery", tripletsPerQuery, WHOLE_QUERY);
    }
    if (listwise != null) {
      checks.nested("listwise", listwise);
    }
    if (datasetRunId != null) {
      checks.pathSegment("datasetRunId", datasetRunId);
    }
    checks
        .atLeast("maxSeqLength", maxSeqLength, 8)
        .atLeast("checkpointEverySteps", checkpointEverySteps, 1);
  }
}
