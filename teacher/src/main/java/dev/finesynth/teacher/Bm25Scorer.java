package dev.finesynth.teacher;

import dev.finesynth.contracts.events.RelatedDocument;
import dev.finesynth.contracts.events.Relation;
import java.util.ArrayList;
import java.util.List;

/**
 * BM25 as a teacher: reads the lexical score the miner attached to each candidate. Only the miner
 * holds the corpus statistics (document frequencies, average length) BM25 needs, so it scores every
 * candidate against its per-corpus index and the score travels in the relation.
 */
public final class Bm25Scorer implements Scorer {

  @Override
  public List<double[]> score(List<Relation> relations) {
    List<double[]> scores = new ArrayList<>(relations.size());
    for (Relation relation : relations) {
      double[] row = new double[relation.documents().size()];
      for (int d = 0; d < row.length; d++) {
        RelatedDocument doc = relation.documents().get(d);
        if (doc.lexicalScore() == null) {
          throw new IllegalStateException(
              "document "
                  + doc.docId()
                  + " of relation "
                  + relation.key()
                  + " has no lexicalScore: a bm25 teacher needs a miner that sends BM25 scores");
        }
        row[d] = doc.lexicalScore();
      }
      scores.add(row);
    }
    return scores;
  }
}
