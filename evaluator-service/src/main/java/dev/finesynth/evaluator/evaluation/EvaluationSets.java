package dev.finesynth.evaluator.evaluation;

import dev.finesynth.contracts.events.EvaluationSpec;
import dev.finesynth.evaluation.data.BeirLoader;
import dev.finesynth.evaluation.data.EvaluationSet;
import dev.finesynth.evaluation.data.LabeledDocumentsLoader;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Held-out data by location, loaded once: a BEIR folder's split, or Finetuner's two labelled
 * document sets ({@code queries.jsonl} and {@code index.jsonl} in the location folder).
 */
@Singleton
public class EvaluationSets {
  private final Map<String, EvaluationSet> loaded = new ConcurrentHashMap<>();

  public EvaluationSet load(EvaluationSpec spec) {
    return loaded.computeIfAbsent(
        spec.format() + "|" + spec.location() + "|" + spec.split(), k -> read(spec));
  }

  private static EvaluationSet read(EvaluationSpec spec) {
    Path location = Path.of(spec.location());
    if (!Files.isDirectory(location)) {
      throw new IllegalArgumentException("evaluation data not found: " + location);
    }
    try {
      return switch (spec.format()) {
        case "beir" -> BeirLoader.load(location, spec.split());
        case "labels" ->
            LabeledDocumentsLoader.load(
                location.resolve("queries.jsonl"), location.resolve("index.jsonl"));
        default ->
            throw new IllegalArgumentException(
                "unknown evaluation format '" + spec.format() + "'; known: beir, labels");
      };
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the evaluation data in " + location + ": " + e.getMessage(), e);
    }
  }
}
