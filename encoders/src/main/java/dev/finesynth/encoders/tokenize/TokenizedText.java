package dev.finesynth.encoders.tokenize;

/** One tokenized text or pair, unpadded: every position is a real token. */
public record TokenizedText(long[] ids, long[] typeIds) {

  public int length() {
    return ids.length;
  }
}
