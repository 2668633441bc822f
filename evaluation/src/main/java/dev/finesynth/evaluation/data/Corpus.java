package dev.finesynth.evaluation.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Documents by id, in file order. */
public record Corpus(Map<String, Document> documents) {

  public Corpus {
    documents = Collections.unmodifiableMap(new LinkedHashMap<>(documents));
  }

  public int size() {
    return documents.size();
  }
}
