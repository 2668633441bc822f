package dev.finesynth.teacher;

import dev.finesynth.contracts.events.RelatedDocument;
import dev.finesynth.contracts.events.Relation;
import dev.finesynth.encoders.BiEncoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Cosine similarity of a bi-encoder's query and passage vectors. Each distinct text of the batch is
 * encoded once, however many relations share it.
 */
public final class BiEncoderScorer implements Scorer {
  private final BiEncoder encoder;

  public BiEncoderScorer(BiEncoder encoder) {
    this.encoder = encoder;
  }

  @Override
  public List<double[]> score(List<Relation> relations) {
    Map<String, float[]> queries = encode(relations.stream().map(Relation::query).toList(), true);
    Map<String, float[]> passages =
        encode(
            relations.stream()
                .flatMap(r -> r.documents().stream())
                .map(RelatedDocument::text)
                .toList(),
            false);
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

  private Map<String, float[]> encode(List<String> texts, boolean asQueries) {
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
