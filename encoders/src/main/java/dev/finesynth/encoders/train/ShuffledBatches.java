package dev.finesynth.encoders.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The batches of each epoch: the data in a shuffled order that depends only on the seed and the
 * epoch (so a run resumed at epoch e, batch b sees the batches an uninterrupted run would), cut
 * into batches of {@code batchSize}; the last batch of an epoch may be smaller.
 */
public final class ShuffledBatches {
  private final List<MarginTriplet> data;
  private final int batchSize;
  private final long seed;
  private final boolean shuffle;
  private int orderEpoch = -1;
  private int[] order;

  public ShuffledBatches(List<MarginTriplet> data, int batchSize, long seed, boolean shuffle) {
    if (data.isEmpty()) {
      throw new IllegalArgumentException("no training data");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be positive: " + batchSize);
    }
    this.data = List.copyOf(data);
    this.batchSize = batchSize;
    this.seed = seed;
    this.shuffle = shuffle;
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

  public int batchesPerEpoch() {
    return (data.size() + batchSize - 1) / batchSize;
  }

  /** Batch {@code index} of epoch {@code epoch}. */
  public List<MarginTriplet> batch(int epoch, int index) {
    if (index < 0 || index >= batchesPerEpoch()) {
      throw new IndexOutOfBoundsException("batch " + index + " of " + batchesPerEpoch());
    }
    if (orderEpoch != epoch) {
      order = order(data.size(), seed, epoch, shuffle);
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

  /** The order of the examples in epoch {@code epoch}. */
  static int[] order(int size, long seed, int epoch, boolean shuffle) {
    List<Integer> indexes = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      indexes.add(i);
    }
    if (shuffle) {
      Collections.shuffle(indexes, new Random(seed ^ (0x9E3779B97F4A7C15L * (epoch + 1L))));
    }
    return indexes.stream().mapToInt(Integer::intValue).toArray();
  }
}
