package dev.finesynth.miner.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HnswIndexTest {
  private static final int DIM = 384;

  /**
   * Recall@10 against the exact index on 20,000 clustered vectors of dimension 384, and what build
   * and search cost (printed, not asserted). The exact top ten of all 200 queries come from {@link
   * ExactIndex#similarities} over every document, one dot product each; {@link ExactIndex#search}
   * runs on the first 20 queries only, to check that truth and to time it.
   */
  @Test
  void findsAtLeast95PercentOfTheExactTopTenOnClusteredVectors() {
    Random random = new Random(42);
    int docs = 20_000, queries = 200, timed = 20, k = 10;
    Clusters clusters = new Clusters(random, 20, 0.05);
    float[][] vectors = new float[docs][];
    for (int i = 0; i < docs; i++) {
      vectors[i] = clusters.sample(random);
    }
    List<String> ids = IntStream.range(0, docs).mapToObj(i -> "d" + i).toList();
    List<float[]> probes =
        IntStream.range(0, queries).mapToObj(q -> clusters.sample(random)).toList();

    long start = System.nanoTime();
    HnswIndex hnsw = HnswIndex.build(ids, vectors, HnswIndex.Params.DEFAULTS);
    long built = System.nanoTime();
    List<List<VectorIndex.Hit>> approximate = hnsw.search(probes, k);
    long searched = System.nanoTime();
    ExactIndex exact = new ExactIndex(ids, vectors);
    List<List<VectorIndex.Hit>> exactSearch = exact.search(probes.subList(0, timed), k);
    long scanned = System.nanoTime();
    List<List<String>> truth = probes.stream().map(q -> topK(exact, ids, q, k)).toList();

    assertThat(exactSearch.stream().map(HnswIndexTest::docIds).toList())
        .isEqualTo(truth.subList(0, timed));
    int found = 0;
    for (int q = 0; q < queries; q++) {
      Set<String> best = new HashSet<>(truth.get(q));
      found += (int) docIds(approximate.get(q)).stream().filter(best::contains).count();
    }
    double recall = found / (double) (queries * k);
    System.out.printf(
        "HNSW over %d documents of dimension %d (M 16, beam width 100, 100 candidates):"
            + " built in %d ms; %d queries in %d ms, %.2f ms each (exact search: %.2f ms each);"
            + " recall@%d %.4f%n",
        docs,
        DIM,
        (built - start) / 1_000_000,
        queries,
        (searched - built) / 1_000_000,
        (searched - built) / 1e6 / queries,
        (scanned - searched) / 1e6 / timed,
        k,
        recall);
    assertThat(recall).isGreaterThanOrEqualTo(0.95);
    assertThat(approximate).allSatisfy(hits -> assertThat(hits).hasSize(k));
  }

  @Test
  void similaritiesAreExactDotProducts() {
    Random random = new Random(3);
    Clusters clusters = new Clusters(random, 4, 0.05);
    float[][] vectors = new float[300][];
    for (int i = 0; i < vectors.length; i++) {
      vectors[i] = clusters.sample(random);
    }
    List<String> ids = IntStream.range(0, vectors.length).mapToObj(i -> "d" + i).toList();
    HnswIndex index = HnswIndex.build(ids, vectors, HnswIndex.Params.DEFAULTS);
    float[] query = clusters.sample(random);

    float[] scores = index.similarities(query, List.of("d17", "unknown", "d0", "d299"));

    assertThat(scores[0]).isEqualTo(ExactIndex.dot(query, vectors[17]));
    assertThat(scores[1]).isNaN();
    assertThat(scores[2]).isEqualTo(ExactIndex.dot(query, vectors[0]));
    assertThat(scores[3]).isEqualTo(ExactIndex.dot(query, vectors[299]));
    assertThat(index.search(List.of(query), 5).get(0))
        .allSatisfy(
            hit ->
                assertThat(hit.score())
                    .isEqualTo(index.similarities(query, List.of(hit.docId()))[0]));
  }

  @Test
  void aCorpusSmallerThanKComesBackWholeInExactOrder() {
    Random random = new Random(5);
    float[] twin = unit(random, 8);
    float[][] vectors = {unit(random, 8), twin, unit(random, 8), twin.clone(), unit(random, 8)};
    List<String> ids = List.of("a", "b", "c", "d", "e");
    HnswIndex index = HnswIndex.build(ids, vectors, HnswIndex.Params.DEFAULTS);
    List<float[]> queries = List.of(twin, unit(random, 8));

    assertThat(index.search(queries, 10))
        .isEqualTo(new ExactIndex(ids, vectors).search(queries, 10));
    assertThat(index.search(queries, 10).get(0))
        .extracting(VectorIndex.Hit::docId)
        .startsWith("b", "d"); // a tie goes to the earlier document
    assertThat(index.size()).isEqualTo(5);
  }

  @Test
  void anEmptyIndexFindsNothing() {
    HnswIndex index = HnswIndex.build(List.of(), new float[0][], HnswIndex.Params.DEFAULTS);
    assertThat(index.search(List.of(unit(new Random(1), 8)), 3)).containsExactly(List.of());
    assertThat(index.size()).isZero();
  }

  /** The exact top k by one dot product per document; ties to the earlier document. */
  private static List<String> topK(ExactIndex exact, List<String> ids, float[] query, int k) {
    float[] scores = exact.similarities(query, ids);
    return IntStream.range(0, ids.size())
        .boxed()
        .sorted((a, b) -> Float.compare(scores[b], scores[a]))
        .limit(k)
        .map(ids::get)
        .toList();
  }

  private static List<String> docIds(List<VectorIndex.Hit> hits) {
    return hits.stream().map(VectorIndex.Hit::docId).toList();
  }

  /** Unit vectors scattered around random centres: a centre plus Gaussian noise, normalised. */
  private static final class Clusters {
    private final List<float[]> centres = new ArrayList<>();
    private final double noise;

    /**
     * @param noise standard deviation per dimension: 0.05 over 384 dimensions puts a sample about
     *     as far from its centre as the centre is long
     */
    Clusters(Random random, int count, double noise) {
      for (int c = 0; c < count; c++) {
        centres.add(unit(random, DIM));
      }
      this.noise = noise;
    }

    float[] sample(Random random) {
      float[] v = centres.get(random.nextInt(centres.size())).clone();
      for (int d = 0; d < DIM; d++) {
        v[d] += (float) (noise * random.nextGaussian());
      }
      return normalise(v);
    }
  }

  private static float[] unit(Random random, int dim) {
    float[] v = new float[dim];
    for (int i = 0; i < dim; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return normalise(v);
  }

  private static float[] normalise(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    for (int i = 0; i < v.length; i++) {
      v[i] /= (float) Math.sqrt(norm);
    }
    return v;
  }
}
