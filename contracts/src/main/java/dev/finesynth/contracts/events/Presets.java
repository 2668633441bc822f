package dev.finesynth.contracts.events;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Named model choices for synthesis. {@code en} and {@code multi} are what Finetuner's {@code
 * synthesis_model_en} / {@code synthesis_model_multi} resolve to (downloaded from the hub); {@code
 * offline} uses only bundled models: no cross-encoder weights ship with the project, so its teacher
 * is the mean cosine similarity of two stronger bi-encoders, on the same scale as the student's
 * cosine similarity.
 */
public final class Presets {
  public static final String DEFAULT = "offline";

  private static final Map<String, SynthesisModels> PRESETS =
      Map.of(
          "en",
          new SynthesisModels(
              "en",
              "sentence-transformers/msmarco-distilbert-base-v3",
              List.of(ScorerSpec.crossEncoder("cross-encoder/ms-marco-MiniLM-L-6-v2")),
              "mean"),
          "multi",
          new SynthesisModels(
              "multi",
              "sentence-transformers/distiluse-base-multilingual-cased-v1",
              List.of(ScorerSpec.crossEncoder("cross-encoder/mmarco-mMiniLMv2-L12-H384-v1")),
              "mean"),
          "offline",
          new SynthesisModels(
              "offline",
              "all-minilm-l6-v2",
              List.of(
                  ScorerSpec.biEncoder("bge-small-en-v1.5"), ScorerSpec.biEncoder("e5-small-v2")),
              "mean"));

  private Presets() {}

  public static Set<String> names() {
    return PRESETS.keySet();
  }

  /** The preset's models; unknown names fail with the valid ones listed. */
  public static SynthesisModels models(String name) {
    SynthesisModels models = PRESETS.get(name);
    if (models == null) {
      throw new IllegalArgumentException(
          "unknown preset '"
              + name
              + "'; valid presets: "
              + String.join(", ", new java.util.TreeSet<>(names())));
    }
    return models;
  }
}
