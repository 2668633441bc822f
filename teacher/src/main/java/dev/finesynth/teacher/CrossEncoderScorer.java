package dev.finesynth.teacher;

import dev.finesynth.contracts.events.RelatedDocument;
import dev.finesynth.contracts.events.Relation;
import dev.finesynth.encoders.CrossEncoder;
import dev.finesynth.encoders.TextPair;
import java.util.ArrayList;
import java.util.List;

/** A cross-encoder's raw logit for each (query, document) pair, as GPL labels its data. */
public final class CrossEncoderScorer implements Scorer {
  private final CrossEncoder encoder;

  public CrossEncoderScorer(CrossEncoder encoder) {
    this.encoder = encoder;
  }

  @Override
  public List<double[]> score(List<Relation> relations) {
    List<TextPair> pairs = new ArrayList<>();
    for (Relation relation : relations) {
      for (RelatedDocument doc : relation.documents()) {
        pairs.add(new TextPair(relation.query(), doc.text()));
      }
    }
    float[] logits = encoder.score(pairs);
    List<double[]> scores = new ArrayList<>(relations.size());
    int next = 0;
    for (Relation relation : relations) {
      double[] row = new double[relation.documents().size()];
      for (int i = 0; i < row.length; i++) {
        row[i] = logits[next++];
      }
      scores.add(row);
    }
    return scores;
  }
}
