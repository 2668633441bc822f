package dev.finesynth.teacher.lexical;

/**
 * BM25's free parameters: {@code k1} (term-frequency saturation) and {@code b} (length
 * normalisation). {@link #DEFAULT} is Anserini's 0.9 / 0.4, which suits short passages and is what
 * the Cranfield reference figure used; Lucene's own defaults are 1.2 / 0.75.
 */
public record Bm25Params(float k1, float b) {
  public static final Bm25Params DEFAULT = new Bm25Params(0.9f, 0.4f);

  public Bm25Params {
    if (!(k1 >= 0) || !(b >= 0 && b <= 1)) {
      throw new IllegalArgumentException(
          "BM25 needs k1 >= 0 and 0 <= b <= 1, got " + k1 + ", " + b);
    }
  }
}
