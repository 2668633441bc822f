package dev.finesynth.miner.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExactIndexTest {
  @Test
  void returnsTheBestDocumentsBestFirstAgainstABruteForceSort() {
    Random random = new Random(7);
    int n = 500, dim = 16;
    float[][] docs = new float[n][];
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      docs[i] = unit(random, dim);
      ids.add("d" + i);
    }
    ExactIndex index = new ExactIndex(ids, docs);
    float[] query = unit(random, dim);
    List<VectorIndex.Hit> hits = index.search(List.of(query), 10).get(0);

    List<Integer> expected =
        java.util.stream.IntStream.range(0, n)
            .boxed()
            .sorted(
                (a, b) ->
                    Float.compare(ExactIndex.dot(query, docs[b]), ExactIndex.dot(query, docs[a])))
            .limit(10)
            .toList();
    assertThat(hits)
        .extracting(VectorIndex.Hit::docId)
        .containsExactlyElementsOf(expected.stream().map(i -> "d" + i).toList());
    assertThat(hits.get(0).score()).isEqualTo(ExactIndex.dot(query, docs[expected.get(0)]));
  }

  @Test
  void tiesGoToTheEarlierDocumentAndKMayExceedTheCorpus() {
    float[] v = {1, 0};
    ExactIndex index = new ExactIndex(List.of("a", "b", "c"), new float[][] {{0, 1}, v, v});
    assertThat(index.search(List.of(v), 10).get(0))
        .extracting(VectorIndex.Hit::docId)
        .containsExactly("b", "c", "a");
  }

  @Test
  void manyQueriesOverTiedDocumentsRankByScoreThenDocumentOrder() {
    Random random = new Random(11);
    int n = 301, dim = 8, k = 20; // documents over three blocks, one left over from fours
    float[][] distinct = {unit(random, dim), unit(random, dim), unit(random, dim)};
    float[][] docs = new float[n][];
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      docs[i] = distinct[random.nextInt(distinct.length)].clone();
      ids.add("d" + i);
    }
    List<float[]> queries =
        java.util.stream.IntStream.range(0, 37).mapToObj(q -> unit(random, dim)).toList();

    List<List<VectorIndex.Hit>> results = new ExactIndex(ids, docs).search(queries, k);

    assertThat(results).hasSize(queries.size());
    for (int q = 0; q < queries.size(); q++) {
      float[] query = queries.get(q);
      List<VectorIndex.Hit> expected =
          java.util.stream.IntStream.range(0, n)
              .boxed()
              .sorted(
                  (a, b) ->
                      Float.compare(ExactIndex.dot(query, docs[b]), ExactIndex.dot(query, docs[a])))
              .limit(k)
              .map(i -> new VectorIndex.Hit("d" + i, ExactIndex.dot(query, docs[i])))
              .toList();
      assertThat(results.get(q)).isEqualTo(expected);
    }
  }

  @Test
  void noDocumentsOrNoneAskedForFindNothing() {
    float[] v = {1, 0};
    assertThat(new ExactIndex(List.of("a"), new float[][] {v}).search(List.of(v, v), 0))
        .containsExactly(List.of(), List.of());
    assertThat(new ExactIndex(List.of(), new float[0][]).search(List.of(v), 3))
        .containsExactly(List.of());
  }

  private static float[] unit(Random random, int dim) {
    float[] v = new float[dim];
    double norm = 0;
    for (int i = 0; i < dim; i++) {
      v[i] = (float) random.nextGaussian();
      norm += v[i] * v[i];
    }
    for (int i = 0; i < dim; i++) {
      v[i] /= (float) Math.sqrt(norm);
    }
    return v;
  }
}
