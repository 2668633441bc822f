package dev.finesynth.encoders.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The batches of each epoch: the data in a shuffled order that depends only on the seed and the
 * epoch (so a run resumed at epoch e, batch b sees the batches an uninterrupted run would), cut
 * into batches of {@code batchSize}; the last batch of an epoch may be smaller.
 *
 * <p>With {@code tripletsPerQuery} k &gt; 1 the shuffling keeps the triplets of one query together
 * in runs of up to k (each query's triplets shuffled, cut into runs, the runs shuffled), the
 * grouping of dense-retrieval trainers: a batch of 32 at k = 8 holds about five queries, so each
 * query and its positive is encoded once per batch instead of once per triplet.
 */
public final class ShuffledBatches {
  /**
   * {@code tripletsPerQuery} for whole queries: see {@link #wholeQueries}. A listwise term then
   * sees each query's full candidate list.
   */
  public static final int WHOLE_QUERY = 0;

  private final List<MarginTriplet> data;
  private final int batchSize;
  private final long seed;
  private final boolean shuffle;
  private final int tripletsPerQuery;
  private int orderEpoch = -1;
  private int[] order;

  public ShuffledBatches(List<MarginTriplet> data, int batchSize, long seed, boolean shuffle) {
    this(data, batchSize, seed, shuffle, 1);
  }

  public ShuffledBatches(
      List<MarginTriplet> data, int batchSize, long seed, boolean shuffle, int tripletsPerQuery) {
    if (data.isEmpty()) {
      throw new IllegalArgumentException("no training data");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be positive: " + batchSize);
    }
    if (tripletsPerQuery < 1) {
      throw new IllegalArgumentException(
          "triplets per query must be positive: " + tripletsPerQuery);
    }
    this.data = List.copyOf(data);
    this.batchSize = batchSize;
    this.seed = seed;
    this.shuffle = shuffle;
    this.tripletsPerQuery = tripletsPerQuery;
  }

  /**
   * Batches of whole queries: each query's triplets make one run, and the batch size is rounded to
   * the nearest multiple (at least one) of the longest run, so that a batch cuts no query's list
   * (runs of unequal length can still shift the cuts). At 19 triplets per query a batch size of 32
   * becomes 38, two queries. Lists longer than one and a half batches are cut into runs of the
   * batch size instead, so that a long candidate list cannot multiply a step's memory.
   */
  public static ShuffledBatches wholeQueries(
      List<MarginTriplet> data, int batchSize, long seed, boolean shuffle) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be positive: " + batchSize);
    }
    int longest = longestList(data);
    if (longest > batchSize + batchSize / 2) {
      return new ShuffledBatches(data, batchSize, seed, shuffle, batchSize);
    }
    int queries = Math.max(1, Math.round((float) batchSize / longest));
    return new ShuffledBatches(data, queries * longest, seed, shuffle, longest);
  }

  public int size() {
    return data.size();
  }

  public int batchSize() {
    return batchSize;
  }

  public long seed() {
    return seed;
  }

  public int tripletsPerQuery() {
    return tripletsPerQuery;
  }

  /** The most triplets that one query has in the data: its candidate list's length. */
  public int longestList() {
    return longestList(data);
  }

  private static int longestList(List<MarginTriplet> data) {
    Map<String, Integer> counts = new HashMap<>();
    data.forEach(t -> counts.merge(t.query(), 1, Integer::sum));
    return counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  public int batchesPerEpoch() {
    return (data.size() + batchSize - 1) / batchSize;
  }

  /** Batch {@code index} of epoch {@code epoch}. */
  public List<MarginTriplet> batch(int epoch, int index) {
    if (index < 0 || index >= batchesPerEpoch()) {
      throw new IndexOutOfBoundsException("batch " + index + " of " + batchesPerEpoch());
    }
    if (orderEpoch != epoch) {
      order = shuffle ? order(queries(), seed, epoch, tripletsPerQuery) : order(data.size());
      orderEpoch = epoch;
    }
    int start = index * batchSize;
    int end = Math.min(data.size(), start + batchSize);
    List<MarginTriplet> batch = new ArrayList<>(end - start);
    for (int i = start; i < end; i++) {
      batch.add(data.get(order[i]));
    }
    return batch;
  }

  private List<String> queries() {
    return data.stream().map(MarginTriplet::query).toList();
  }

  /** The identity order. */
  static int[] order(int size) {
    return IntStream.range(0, size).toArray();
  }

  /**
   * The shuffled order of epoch {@code epoch} of examples whose queries are {@code queries}: runs
   * of up to {@code tripletsPerQuery} examples of one query (as even as they can be), in a random
   * order that depends only on the seed and the epoch.
   */
  static int[] order(List<String> queries, long seed, int epoch, int tripletsPerQuery) {
    Random random = new Random(seed ^ (0x9E3779B97F4A7C15L * (epoch + 1L)));
    List<List<Integer>> runs = new ArrayList<>();
    if (tripletsPerQuery == 1) {
      IntStream.range(0, queries.size()).forEach(i -> runs.add(List.of(i)));
    } else {
      Map<String, List<Integer>> byQuery = new LinkedHashMap<>();
      for (int i = 0; i < queries.size(); i++) {
        byQuery.computeIfAbsent(queries.get(i), q -> new ArrayList<>()).add(i);
      }
      for (List<Integer> group : byQuery.values()) {
        Collections.shuffle(group, random);
        int count = (group.size() + tripletsPerQuery - 1) / tripletsPerQuery;
        for (int r = 0; r < count; r++) { // runs of even length: 19 at k = 8 as 6, 6, 7
          runs.add(group.subList(r * group.size() / count, (r + 1) * group.size() / count));
        }
      }
    }
    Collections.shuffle(runs, random);
    return runs.stream().flatMap(List::stream).mapToInt(Integer::intValue).toArray();
  }
}
