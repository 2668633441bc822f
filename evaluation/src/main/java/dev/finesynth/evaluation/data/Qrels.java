package dev.finesynth.evaluation.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Relevance judgments: query id to document id to relevance (&gt; 0 relevant). A query may map to
 * no judgments at all; the evaluator then counts it as skipped rather than forgetting it.
 */
public record Qrels(Map<String, Map<String, Integer>> judgments) {

  public Qrels {
    Map<String, Map<String, Integer>> copy = new LinkedHashMap<>();
    judgments.forEach(
        (query, docs) -> copy.put(query, Collections.unmodifiableMap(new LinkedHashMap<>(docs))));
    judgments = Collections.unmodifiableMap(copy);
  }

  /** Number of (query, document) judgments. */
  public int size() {
    return judgments.values().stream().mapToInt(Map::size).sum();
  }

  /**
   * Judgments naming a document the corpus lacks. They are kept (trec_eval counts them as relevant
   * too, so recall cannot reach 1 for that query); this tells how many there are.
   */
  public long outside(Corpus corpus) {
    return judgments.values().stream()
        .flatMap(docs -> docs.keySet().stream())
        .filter(doc -> !corpus.documents().containsKey(doc))
        .count();
  }
}
