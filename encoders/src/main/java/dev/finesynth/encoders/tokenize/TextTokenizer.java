package dev.finesynth.encoders.tokenize;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A Hugging Face {@code tokenizer.json} with truncation at an explicit maximum length and no
 * padding of its own (whatever the file says), plus length-sorted dynamic-padding batches.
 *
 * <p>Thread-safe: the native tokenizer may be used from several threads at once.
 */
public final class TextTokenizer implements AutoCloseable {
  private final HuggingFaceTokenizer tokenizer;
  private final Path file;
  private final int maxLength;
  private final long padId;

  /**
   * @param tokenizerJson the {@code tokenizer.json} file
   * @param maxLength the most tokens a text or pair keeps, special tokens included
   * @param padId the id that padding positions get (the model's {@code pad_token_id})
   * @param pairTruncation which side of a pair is cut
   */
  public TextTokenizer(
      Path tokenizerJson, int maxLength, long padId, PairTruncation pairTruncation) {
    this.file = tokenizerJson;
    this.maxLength = maxLength;
    this.padId = padId;
    Map<String, String> options =
        Map.of(
            "tokenizerPath", tokenizerJson.toString(),
            "maxLength", Integer.toString(maxLength),
            "modelMaxLength", Integer.toString(maxLength),
            "truncation", pairTruncation.name(),
            "padding", "false",
            "addSpecialTokens", "true");
    try {
      this.tokenizer = HuggingFaceTokenizer.builder(options).build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load tokenizer " + tokenizerJson, e);
    }
  }

  public TextTokenizer(Path tokenizerJson, int maxLength, long padId) {
    this(tokenizerJson, maxLength, padId, PairTruncation.LONGEST_FIRST);
  }

  public Path file() {
    return file;
  }

  public int maxLength() {
    return maxLength;
  }

  public long padId() {
    return padId;
  }

  public TokenizedText encode(String text) {
    return of(tokenizer.encode(text));
  }

  public TokenizedText encodePair(String first, String second) {
    return of(tokenizer.encode(first, second));
  }

  public List<TokenizedText> encodeAll(List<String> texts) {
    List<TokenizedText> out = new ArrayList<>(texts.size());
    for (String text : texts) {
      out.add(encode(text));
    }
    return out;
  }

  public List<TokenizedText> encodePairs(List<String> firsts, List<String> seconds) {
    if (firsts.size() != seconds.size()) {
      throw new IllegalArgumentException(firsts.size() + " firsts but " + seconds.size());
    }
    List<TokenizedText> out = new ArrayList<>(firsts.size());
    for (int i = 0; i < firsts.size(); i++) {
      out.add(encodePair(firsts.get(i), seconds.get(i)));
    }
    return out;
  }

  private static TokenizedText of(Encoding e) {
    return new TokenizedText(e.getIds(), e.getTypeIds());
  }

  /**
   * Groups texts into batches of at most {@code batchSize}, longest first, each padded to its own
   * longest text. {@link TokenBatch#positions()} maps rows back to indexes of {@code texts}.
   */
  public List<TokenBatch> batches(List<TokenizedText> texts, int batchSize) {
    return batches(texts, batchSize, padId);
  }

  public static List<TokenBatch> batches(List<TokenizedText> texts, int batchSize, long padId) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be positive: " + batchSize);
    }
    Integer[] order = IntStream.range(0, texts.size()).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingInt((Integer i) -> -texts.get(i).length()));
    List<TokenBatch> out = new ArrayList<>();
    for (int start = 0; start < order.length; start += batchSize) {
      int n = Math.min(batchSize, order.length - start);
      int width = texts.get(order[start]).length();
      long[][] ids = new long[n][width];
      long[][] mask = new long[n][width];
      long[][] types = new long[n][width];
      int[] positions = new int[n];
      for (int r = 0; r < n; r++) {
        int index = order[start + r];
        TokenizedText t = texts.get(index);
        positions[r] = index;
        Arrays.fill(ids[r], padId);
        System.arraycopy(t.ids(), 0, ids[r], 0, t.length());
        System.arraycopy(t.typeIds(), 0, types[r], 0, t.length());
        Arrays.fill(mask[r], 0, t.length(), 1L);
      }
      out.add(new TokenBatch(ids, mask, types, positions));
    }
    return out;
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
