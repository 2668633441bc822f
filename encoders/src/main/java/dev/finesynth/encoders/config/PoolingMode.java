package dev.finesynth.encoders.config;

/** How token vectors become one sentence vector. */
public enum PoolingMode {
  /** The first token's vector ({@code [CLS]} or {@code <s>}). */
  CLS,
  /** The mean over real (unmasked) tokens. */
  MEAN,
  /** The element-wise maximum over real tokens. */
  MAX
}
