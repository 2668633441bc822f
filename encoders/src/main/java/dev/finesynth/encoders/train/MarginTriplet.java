package dev.finesynth.encoders.train;

import java.util.Objects;

/**
 * One MarginMSE example: a query, a positive and a negative passage, and the teacher's margin
 * {@code score(query, positive) - score(query, negative)}. Texts are given without prefixes; the
 * trainer adds the model's query and passage prefixes.
 */
public record MarginTriplet(String query, String positive, String negative, float margin) {

  public MarginTriplet {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(positive, "positive");
    Objects.requireNonNull(negative, "negative");
    if (!Float.isFinite(margin)) {
      throw new IllegalArgumentException("margin must be finite: " + margin);
    }
  }
}
