package dev.finesynth.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Queries made from the corpus itself, for a query log too small to teach the student the corpus: a
 * seeded sample of documents, each giving its title (or, without one, its first sentence, cut to
 * {@value #MAX_WORDS} words) as a query. GPL generates such queries with a T5 model; extracted ones
 * need no model, so they work offline. The teacher labels them like any other query, except that
 * mining leaves out the document each was made from: its title in its own text would make a trivial
 * positive with an outsized margin; without it, the query teaches which other documents match.
 */
public final class PseudoQueries {
  /** Ids of pseudo-queries are this prefix and the document's id. */
  public static final String ID_PREFIX = "pseudo-";

  static final int MAX_WORDS = 24;

  private PseudoQueries() {}

  /** A query and the document it was made from. */
  public record PseudoQuery(TextRecord query, String documentId) {}

  /**
   * Up to {@code count} pseudo-queries from distinct documents, chosen by a shuffle seeded with
   * {@code seed}; documents without usable text, and texts already taken, are skipped.
   */
  public static List<PseudoQuery> fromDocuments(List<TextRecord> documents, int count, long seed) {
    if (count < 0) {
      throw new IllegalArgumentException("pseudo-query count must not be negative: " + count);
    }
    List<TextRecord> shuffled = new ArrayList<>(documents);
    Collections.shuffle(shuffled, new Random(seed));
    List<PseudoQuery> out = new ArrayList<>(Math.min(count, shuffled.size()));
    Set<String> taken = new HashSet<>();
    for (TextRecord document : shuffled) {
      if (out.size() == count) {
        break;
      }
      String text = queryText(document);
      if (!text.isEmpty() && taken.add(text)) {
        out.add(
            new PseudoQuery(new TextRecord(ID_PREFIX + document.id(), null, text), document.id()));
      }
    }
    return out;
  }

  /** The title without a closing full stop, else the first sentence of the text, capped. */
  static String queryText(TextRecord document) {
    String title = document.title() == null ? "" : document.title().strip();
    String source = !title.isEmpty() ? title : firstSentence(document.text());
    String[] words = source.strip().split("\\s+");
    String capped =
        String.join(
            " ", words.length > MAX_WORDS ? List.of(words).subList(0, MAX_WORDS) : List.of(words));
    return capped.replaceAll("[\\s.]+$", "").strip();
  }

  private static String firstSentence(String text) {
    if (text == null) {
      return "";
    }
    int end = text.indexOf(". ");
    return end < 0 ? text : text.substring(0, end);
  }
}
