package dev.finesynth.evaluator.evaluation;

import dev.finesynth.evaluation.retrieval.ExactRetriever;
import dev.finesynth.evaluation.retrieval.ModelEvaluator;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The base models' corpus vectors, per (model, max length, corpus version): embedding a corpus is
 * most of an evaluation, and every run that starts from the same model on the same held-out data
 * needs the same vectors. Fine-tuned models are new each time and are not cached.
 */
@Singleton
public class CorpusVectors {
  private final BoundedCache<String, ExactRetriever> indexes;

  @Inject
  public CorpusVectors(
      @ConfigProperty(name = "finesynth.evaluator.cached-sets", defaultValue = "4") int capacity) {
    this.indexes = new BoundedCache<>(capacity);
  }

  /** The index of {@code data}'s corpus as {@code model} embeds it, built on first use. */
  public ExactRetriever index(
      String model, int maxLength, EvaluationSets.HeldOut data, ModelEvaluator.Encoder passages) {
    return indexes.get(
        model + "|" + maxLength + "|" + data.corpusVersion(),
        () -> ModelEvaluator.index(data.set().corpus(), passages));
  }
}
