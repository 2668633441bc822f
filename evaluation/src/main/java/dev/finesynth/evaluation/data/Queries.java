package dev.finesynth.evaluation.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Query text by query id, in file order. */
public record Queries(Map<String, String> texts) {

  public Queries {
    texts = Collections.unmodifiableMap(new LinkedHashMap<>(texts));
  }

  public int size() {
    return texts.size();
  }
}
