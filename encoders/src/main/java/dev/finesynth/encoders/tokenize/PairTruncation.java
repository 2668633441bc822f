package dev.finesynth.encoders.tokenize;

/** Which side of a (query, document) pair loses tokens when the pair is too long. */
public enum PairTruncation {
  /** Remove a token from the longer side, one at a time (Hugging Face's default). */
  LONGEST_FIRST,
  /** Only the second text (the document) is cut; fails if the query alone is too long. */
  ONLY_SECOND
}
