package dev.finesynth.teacher;

import dev.finesynth.contracts.events.RelatedDocument;
import dev.finesynth.contracts.events.Relation;
import dev.finesynth.encoders.BiEncoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cosine similarity of a bi-encoder's query and passage vectors. Each distinct text of the batch is
 * encoded once, however many relations share it, and passage vectors are kept in a bounded
 * least-recently-used cache: hard negatives of one corpus come back query after query (and run
 * after run), and encoding passages is the scorer's main cost.
 */
public final class BiEncoderScorer implements Scorer {
  /** Passage vectors kept: 20,000 of 384 floats take about 30 MB. */
  public static final int DEFAULT_CACHED_PASSAGES = 20_000;

  private final BiEncoder encoder;
  private final Map<String, float[]> passageCache;

  public BiEncoderScorer(BiEncoder encoder) {
    this(encoder, DEFAULT_CACHED_PASSAGES);
  }

  public BiEncoderScorer(BiEncoder encoder, int cachedPassages) {
    this.encoder = encoder;
    this.passageCache =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > cachedPassages;
          }
        };
  }

  @Override
  public List<double[]> score(List<Relation> relations) {
    Map<String, float[]> queries = encode(relations.stream().map(Relation::query).toList(), true);
    Map<String, float[]> passages =
        passages(relations.stream().flatMap(r -> r.documents().stream()).toList());
    List<double[]> scores = new ArrayList<>(relations.size());
    for (Relation relation : relations) {
      float[] q = queries.get(relation.query());
      scores.add(
          relation.documents().stream()
              .mapToDouble(d -> cosine(q, passages.get(d.text())))
              .toArray());
    }
    return scores;
  }

  @Override
  public boolean cosineScale() {
    return true;
  }

  /**
   * Passage vectors come from the cache the scores just filled: nothing is encoded again unless the
   * cache had no room for them.
   */
  @Override
  public Optional<List<double[][]>> documentSimilarities(List<Relation> relations) {
    Map<String, float[]> passages =
        passages(relations.stream().flatMap(r -> r.documents().stream()).toList());
    List<double[][]> similarities = new ArrayList<>(relations.size());
    for (Relation relation : relations) {
      List<RelatedDocument> docs = relation.documents();
      double[][] matrix = new double[docs.size()][docs.size()];
      for (int i = 0; i < docs.size(); i++) {
        for (int j = i; j < docs.size(); j++) {
          double cos = cosine(passages.get(docs.get(i).text()), passages.get(docs.get(j).text()));
          matrix[i][j] = cos;
          matrix[j][i] = cos;
        }
      }
      similarities.add(matrix);
    }
    return Optional.of(similarities);
  }

  /** The passages' vectors: cached ones as they are, the others encoded in one batch. */
  private Map<String, float[]> passages(List<RelatedDocument> documents) {
    Map<String, float[]> byText = new HashMap<>();
    List<String> missing = new ArrayList<>();
    synchronized (passageCache) {
      for (RelatedDocument d : documents) {
        float[] cached = passageCache.get(d.text());
        if (cached != null) {
          byText.put(d.text(), cached);
        } else {
          missing.add(d.text());
        }
      }
    }
    Map<String, float[]> encoded = encode(missing, false);
    synchronized (passageCache) {
      passageCache.putAll(encoded);
    }
    byText.putAll(encoded);
    return byText;
  }

  /** How many passage vectors the cache holds. */
  int cachedPassages() {
    synchronized (passageCache) {
      return passageCache.size();
    }
  }

  private Map<String, float[]> encode(List<String> texts, boolean asQueries) {
    if (texts.isEmpty()) {
      return Map.of();
    }
    List<String> distinct = List.copyOf(new LinkedHashSet<>(texts));
    List<float[]> vectors =
        asQueries ? encoder.encodeQueries(distinct) : encoder.encodePassages(distinct);
    Map<String, float[]> byText = new HashMap<>();
    for (int i = 0; i < distinct.size(); i++) {
      byText.put(distinct.get(i), vectors.get(i));
    }
    return byText;
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0, na = 0, nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }
}
