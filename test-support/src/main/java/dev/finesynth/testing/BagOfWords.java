package dev.finesynth.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in encoder for evaluation tests: bag of words over a small fixed vocabulary, unit length,
 * so every ranking can be worked out by hand.
 */
public final class BagOfWords {
  private static final List<String> VOCABULARY =
      List.of("charger", "wall", "plug", "cable", "for", "headphones", "over", "ear", "quiet");

  private BagOfWords() {}

  /** One unit vector per text (all zeros for a text without a vocabulary word). */
  public static List<float[]> encode(List<String> texts) {
    List<float[]> out = new ArrayList<>();
    for (String text : texts) {
      float[] v = new float[VOCABULARY.size()];
      for (String word : text.toLowerCase().split(" ")) {
        int i = VOCABULARY.indexOf(word);
        if (i >= 0) {
          v[i]++;
        }
      }
      double norm = 0;
      for (float x : v) {
        norm += x * x;
      }
      float length = (float) Math.sqrt(norm);
      for (int i = 0; length > 0 && i < v.length; i++) {
        v[i] /= length;
      }
      out.add(v);
    }
    return out;
  }
}
