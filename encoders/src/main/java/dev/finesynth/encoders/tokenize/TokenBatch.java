package dev.finesynth.encoders.tokenize;

/**
 * Texts of similar length padded to the longest of them.
 *
 * @param positions for each row, the index of its text in the list the batch was made from, so
 *     results can be put back in the caller's order
 */
public record TokenBatch(long[][] ids, long[][] attentionMask, long[][] typeIds, int[] positions) {

  public int size() {
    return ids.length;
  }

  public int sequenceLength() {
    return ids.length == 0 ? 0 : ids[0].length;
  }

  /** The three arrays flattened row by row, for engines that take flat buffers. */
  public long[] flatIds() {
    return flatten(ids);
  }

  public long[] flatMask() {
    return flatten(attentionMask);
  }

  public long[] flatTypeIds() {
    return flatten(typeIds);
  }

  private static long[] flatten(long[][] rows) {
    int width = rows.length == 0 ? 0 : rows[0].length;
    long[] flat = new long[rows.length * width];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, flat, i * width, width);
    }
    return flat;
  }
}
