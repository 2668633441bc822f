package dev.finesynth.evaluator.evaluation;

import dev.finesynth.encoders.BiEncoder;
import dev.finesynth.evaluation.data.Document;
import dev.finesynth.evaluation.data.EvaluationSet;
import dev.finesynth.evaluation.metrics.RetrievalEvaluator;
import dev.finesynth.evaluation.metrics.RetrievalReport;
import dev.finesynth.evaluation.retrieval.ExactRetriever;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Retrieval quality of one bi-encoder on held-out data: every test query against the whole corpus
 * by exact search, documents as title + " " + text (as the reference figures are measured).
 */
public final class ModelEvaluator {
  private ModelEvaluator() {}

  public static RetrievalReport evaluate(
      BiEncoder documents, BiEncoder queries, EvaluationSet set, List<Integer> ks) {
    List<String> ids = new ArrayList<>(set.corpus().documents().keySet());
    List<float[]> vectors =
        documents.encodePassages(
            ids.stream()
                .map(id -> set.corpus().documents().get(id))
                .map(Document::titleAndText)
                .toList());
    ExactRetriever retriever = new ExactRetriever(ids, vectors);
    List<String> queryIds = new ArrayList<>(set.queries().texts().keySet());
    List<float[]> queryVectors =
        queries.encodeQueries(queryIds.stream().map(set.queries().texts()::get).toList());
    Map<String, float[]> byId = new LinkedHashMap<>();
    for (int i = 0; i < queryIds.size(); i++) {
      byId.put(queryIds.get(i), queryVectors.get(i));
    }
    int depth = ks.stream().mapToInt(Integer::intValue).max().orElse(10);
    return RetrievalEvaluator.builder()
        .optKs(ks.stream().mapToInt(Integer::intValue).toArray())
        .build()
        .evaluate(set.qrels().judgments(), retriever.search(byId, depth));
  }
}
