package dev.finesynth.encoders.catalog;

/** What a model does with its input. */
public enum ModelKind {
  /** Encodes each text on its own into a vector; texts are compared by vector similarity. */
  BI_ENCODER,
  /** Reads a query and a passage together and scores the pair. */
  CROSS_ENCODER
}
