package dev.finesynth.contracts.events;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Named model choices for synthesis. {@code en} and {@code multi} are what Finetuner's {@code
 * synthesis_model_en} / {@code synthesis_model_multi} resolve to (downloaded from the hub); {@code
 * offline} and {@code offline-fast} use only bundled models and BM25: no cross-encoder weights ship
 * with the project, so their teachers are ensembles.
 *
 * <p>{@code offline} is the strongest teacher measured with {@code ./finesynth bench teacher} on
 * Cranfield (test split, whole corpus, NDCG@10): z-score fusion of BM25, bge-small-en-v1.5,
 * e5-small-v2 and the student all-MiniLM-L6-v2 itself reaches 0.449 against the student's 0.404
 * (rrf of the same four 0.445, z-score of BM25 + bge + e5 0.443, mean of bge + e5 0.423). Its
 * candidates are mined half dense, half BM25, and the teacher picks the positive: on the same
 * judged queries that makes the positive relevant for 38% of the queries instead of the miner's
 * 35%. Teacher feedback ({@code SynthesisModels#feedback}) is off: it helps on Cranfield and hurts
 * on the demo's sample. {@code offline-fast} keeps the cheaper teacher, the mean cosine of bge and
 * e5, with dense mining and the miner's positive.
 */
public final class Presets {
  public static final String DEFAULT = "offline";

  /**
   * Margins of the bundled teachers, stretched 3 times: their labels sit on the bi-encoders' cosine
   * scale, whose spread over a query's candidates is about a third of the all-MiniLM student's.
   * Measured on Cranfield (nr 20, 4 epochs, lr 1e-5; NDCG@10 from 0.404): labels x0.5 0.356, x1
   * 0.394, x2 0.410, x3 0.418, x4 0.409, x6 0.369.
   */
  public static final double OFFLINE_LABEL_SCALE = 3.0;

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
                  ScorerSpec.bm25(),
                  ScorerSpec.biEncoder("bge-small-en-v1.5"),
                  ScorerSpec.biEncoder("e5-small-v2"),
                  ScorerSpec.biEncoder("all-minilm-l6-v2")),
              "zscore",
              0.5,
              SynthesisModels.POSITIVE_TEACHER,
              OFFLINE_LABEL_SCALE),
          "offline-fast",
          new SynthesisModels(
              "offline-fast",
              "all-minilm-l6-v2",
              List.of(
                  ScorerSpec.biEncoder("bge-small-en-v1.5"), ScorerSpec.biEncoder("e5-small-v2")),
              "mean",
              null,
              null,
              OFFLINE_LABEL_SCALE));

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
