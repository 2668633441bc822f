package dev.finesynth.evaluation.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.finesynth.evaluation.metrics.ScoredDoc;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExactRetrieverTest {

  @Test
  void ranksByCosineAndBreaksTiesByIdDescending() {
    // q = (1, 0): d1 = (1, 0) -> 1; d2 = d3 = (0.6, 0.8) -> 0.6 (tie: d3 before d2); d4 = (0, 1) ->
    // 0
    float[] tied = {0.6f, 0.8f};
    ExactRetriever retriever =
        new ExactRetriever(
            List.of("d1", "d2", "d3", "d4"),
            List.of(new float[] {1, 0}, tied, tied, new float[] {0, 1}));
    List<ScoredDoc> top = retriever.search(new float[] {1, 0}, 3);
    assertThat(top).extracting(ScoredDoc::docId).containsExactly("d1", "d3", "d2");
    assertThat(top.get(1).score()).isCloseTo(0.6, within(1e-6));
  }

  @Test
  void kLargerThanTheCorpusReturnsEveryDocument() {
    ExactRetriever retriever =
        new ExactRetriever(List.of("a", "b"), List.of(new float[] {1, 0}, new float[] {0, 1}));
    assertThat(retriever.search(new float[] {0, 1}, 10))
        .extracting(ScoredDoc::docId)
        .containsExactly("b", "a");
  }

  @Test
  void matchesAFullSortAndIsFastAtCranfieldSize() {
    // Cranfield size: 1,400 documents, 225 queries, 384 dimensions
    Random random = new Random(7);
    List<String> ids = new ArrayList<>();
    List<float[]> docs = new ArrayList<>();
    for (int d = 0; d < 1400; d++) {
      ids.add("d" + d);
      docs.add(randomUnit(random, 384));
    }
    Map<String, float[]> queries = new LinkedHashMap<>();
    for (int q = 0; q < 225; q++) {
      queries.put("q" + q, randomUnit(random, 384));
    }
    ExactRetriever retriever = new ExactRetriever(ids, docs);
    retriever.search(queries, 10); // warm the JIT

    long start = System.nanoTime();
    Map<String, List<ScoredDoc>> results = retriever.search(queries, 10);
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.println("exact top-10, 225 x 1400 x 384: " + millis + " ms");
    assertThat(millis).isLessThan(1000);

    float[] query = queries.get("q42");
    Map<String, Double> scores = new LinkedHashMap<>();
    for (int d = 0; d < ids.size(); d++) {
      scores.put(ids.get(d), dot(query, docs.get(d)));
    }
    List<String> expected =
        ids.stream()
            .sorted(Comparator.comparingDouble((String id) -> scores.get(id)).reversed())
            .limit(10)
            .toList();
    assertThat(results.get("q42")).extracting(ScoredDoc::docId).containsExactlyElementsOf(expected);
  }

  private static float[] randomUnit(Random random, int dim) {
    float[] v = new float[dim];
    for (int i = 0; i < dim; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return ExactRetriever.normalized(v);
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
