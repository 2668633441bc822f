package dev.finesynth.miner.index;

import dev.finesynth.contracts.events.CorpusDocument;
import dev.finesynth.contracts.events.QueryEvent;
import dev.finesynth.contracts.events.RelatedDocument;
import dev.finesynth.contracts.events.Relation;
import dev.finesynth.miner.corpus.CorpusStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns nearest neighbours into relations: rank 1 is the positive, ranks 2..k the hard negatives. A
 * document whose text is the query itself is skipped: it would teach nothing.
 */
public final class RelationMiner {
  /** Extra neighbours fetched so that skipped documents do not leave a relation short. */
  private static final int SPARE = 5;

  private final VectorIndex index;
  private final Map<String, CorpusDocument> documents = new HashMap<>();
  private final int numRelations;

  public RelationMiner(VectorIndex index, CorpusStore store, int numRelations) {
    this.index = index;
    this.numRelations = numRelations;
    for (CorpusDocument doc : store.documents()) {
      documents.put(doc.docId(), doc);
    }
  }

  public List<Relation> mine(String runId, List<QueryEvent> queries, List<float[]> vectors) {
    List<List<VectorIndex.Hit>> hits = index.search(vectors, numRelations + SPARE);
    List<Relation> relations = new ArrayList<>(queries.size());
    for (int q = 0; q < queries.size(); q++) {
      QueryEvent query = queries.get(q);
      List<RelatedDocument> related = new ArrayList<>(numRelations);
      for (VectorIndex.Hit hit : hits.get(q)) {
        CorpusDocument doc = documents.get(hit.docId());
        if (doc == null || sameText(doc, query.text())) {
          continue;
        }
        related.add(
            new RelatedDocument(doc.docId(), doc.passage(), related.size() + 1, hit.score()));
        if (related.size() == numRelations) {
          break;
        }
      }
      if (related.size() >= 2) {
        relations.add(Relation.of(runId, query.queryId(), query.text(), related));
      }
    }
    return relations;
  }

  private static boolean sameText(CorpusDocument doc, String query) {
    String q = query.strip();
    return doc.text().strip().equalsIgnoreCase(q) || doc.passage().strip().equalsIgnoreCase(q);
  }
}
