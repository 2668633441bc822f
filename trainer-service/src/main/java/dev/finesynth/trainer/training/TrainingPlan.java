package dev.finesynth.trainer.training;

import dev.finesynth.contracts.events.ListwiseSpec;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.contracts.events.TrainingSpec;
import dev.finesynth.encoders.train.ListwiseKl;
import dev.finesynth.encoders.train.MarginMseTrainer;
import dev.finesynth.encoders.train.OptimizerKind;
import dev.finesynth.encoders.train.ShuffledBatches;
import dev.finesynth.encoders.train.Similarity;
import java.nio.file.Path;

/**
 * What a run's training spec means for the trainer: the base model and the MarginMSE settings. The
 * default similarity is cosine at scale 1, matching the offline teacher's cosine margins.
 */
public record TrainingPlan(RunSpec run, String baseModel, TrainingSpec spec) {

  public static TrainingPlan of(RunSpec run) {
    TrainingSpec spec = run.training();
    String base = spec.baseModel() != null ? spec.baseModel() : run.models().miner();
    return new TrainingPlan(run, base, spec);
  }

  public String runId() {
    return run.runId();
  }

  /** Applies the spec to a trainer builder; checkpoints go to {@code checkpoint}. */
  public MarginMseTrainer.Builder configure(MarginMseTrainer.Builder builder, Path checkpoint) {
    return builder
        .optSimilarity(Similarity.of(spec.similarity()))
        .optScale((float) spec.scale())
        .optOptimizer(optimizer(spec.optimizer()))
        .optLearningRate(spec.learningRate())
        .optEpochs(spec.epochs())
        .optBatchSize(spec.batchSize())
        .optTripletsPerQuery(tripletsPerQuery(spec.tripletsPerQueryOrDefault()))
        .optListwise(listwise(spec.listwise()))
        .optWarmupSteps(spec.warmupSteps())
        .optMaxLength(spec.maxSeqLength())
        .optSeed(spec.seed())
        .optFreezeWordEmbeddings(true)
        .optCheckpointEvery(spec.checkpointEverySteps(), checkpoint);
  }

  static int tripletsPerQuery(int specValue) {
    return specValue == TrainingSpec.WHOLE_QUERY ? ShuffledBatches.WHOLE_QUERY : specValue;
  }

  static ListwiseKl listwise(ListwiseSpec spec) {
    return spec == null
        ? ListwiseKl.OFF
        : new ListwiseKl((float) spec.weight(), (float) spec.temperature());
  }

  static OptimizerKind optimizer(String name) {
    return switch (name.toLowerCase()) {
      case "adam" -> OptimizerKind.ADAM;
      case "adamw" -> OptimizerKind.ADAMW;
      default ->
          throw new IllegalArgumentException(
              "unknown optimizer '" + name + "'; known: Adam, AdamW");
    };
  }
}
