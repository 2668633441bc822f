package dev.finesynth.evaluation.retrieval;

import dev.finesynth.evaluation.data.Corpus;
import dev.finesynth.evaluation.data.Document;
import dev.finesynth.evaluation.data.EvaluationSet;
import dev.finesynth.evaluation.metrics.RetrievalEvaluator;
import dev.finesynth.evaluation.metrics.RetrievalReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Retrieval quality of one bi-encoder on held-out data: every test query against the whole corpus
 * by exact search, documents as title + " " + text (as the reference figures are measured).
 * Encoders are plain functions from texts to vectors ({@code model::encodePassages}), so the corpus
 * vectors can be cached and the logic tested without a model. The evaluator service and the CLI's
 * {@code evaluate} command both measure through it.
 */
public final class ModelEvaluator {
  private ModelEvaluator() {}

  /** A model's view of the texts: a vector per text, in order. */
  public interface Encoder extends Function<List<String>, List<float[]>> {}

  /** Vectors of every document of {@code corpus}, ready for exact search. */
  public static ExactRetriever index(Corpus corpus, Encoder passages) {
    List<String> ids = List.copyOf(corpus.documents().keySet());
    List<String> texts = corpus.documents().values().stream().map(Document::titleAndText).toList();
    return new ExactRetriever(ids, texts.isEmpty() ? List.of() : passages.apply(texts));
  }

  /** Ranks every query of {@code set} against {@code index} and scores the top max(ks). */
  public static RetrievalReport evaluate(
      ExactRetriever index, Encoder queries, EvaluationSet set, List<Integer> ks) {
    List<String> ids = List.copyOf(set.queries().texts().keySet());
    List<float[]> vectors =
        ids.isEmpty() ? List.of() : queries.apply(List.copyOf(set.queries().texts().values()));
    Map<String, float[]> byId = new LinkedHashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      byId.put(ids.get(i), vectors.get(i));
    }
    int[] cutoffs = ks.stream().mapToInt(Integer::intValue).toArray();
    int depth = ks.stream().mapToInt(Integer::intValue).max().orElse(10);
    return RetrievalEvaluator.builder()
        .optKs(cutoffs)
        .build()
        .evaluate(set.qrels().judgments(), index.search(byId, depth));
  }
}
