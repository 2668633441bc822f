package dev.finesynth.miner.index;

import dev.finesynth.contracts.events.CorpusDocument;
import dev.finesynth.contracts.events.QueryEvent;
import dev.finesynth.contracts.events.RelatedDocument;
import dev.finesynth.contracts.events.Relation;
import dev.finesynth.miner.corpus.CorpusStore;
import dev.finesynth.teacher.lexical.Bm25Index;
import dev.finesynth.teacher.lexical.HybridCandidates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns nearest neighbours into relations of {@code numRelations} candidates: rank 1 is the miner's
 * positive (its best dense hit), the rest are hard negatives. A document whose text is the query
 * itself is skipped: it would teach nothing. So is the document a pseudo-query was made from: its
 * query then teaches which other documents match it, not that a text matches its own words.
 *
 * <p>Hybrid mining: with a lexical share {@code s}, {@code round(s * numRelations)} candidates (at
 * most {@code numRelations - 1}) come from BM25 and the rest from the dense index. The dense
 * candidates come first, in dense order, then the best BM25 hits not already taken; when BM25 has
 * too few (a query with no indexed term), further dense hits fill the relation. Every candidate
 * carries the miner's cosine and, when there is a lexical index, its BM25 score.
 */
public final class RelationMiner {
  /** Extra neighbours fetched so that skipped documents do not leave a relation short. */
  private static final int SPARE = 5;

  private final VectorIndex index;
  private final Bm25Index lexical;
  private final Map<String, CorpusDocument> documents = new HashMap<>();
  private final int numRelations;
  private final int lexicalSlots;

  /** Dense mining without lexical scores. */
  public RelationMiner(VectorIndex index, CorpusStore store, int numRelations) {
    this(index, null, store, numRelations, 0);
  }

  /**
   * @param lexical the corpus's BM25 index, or null for dense mining without lexical scores
   * @param lexicalShare share of the candidates taken from BM25, 0 to 1
   */
  public RelationMiner(
      VectorIndex index,
      Bm25Index lexical,
      CorpusStore store,
      int numRelations,
      double lexicalShare) {
    this.index = index;
    this.lexical = lexical;
    this.numRelations = numRelations;
    this.lexicalSlots =
        lexical == null ? 0 : HybridCandidates.lexicalSlots(numRelations, lexicalShare);
    for (CorpusDocument doc : store.documents()) {
      documents.put(doc.docId(), doc);
    }
  }

  public List<Relation> mine(String runId, List<QueryEvent> queries, List<float[]> vectors) {
    List<List<VectorIndex.Hit>> hits = index.search(vectors, numRelations + SPARE);
    List<Relation> relations = new ArrayList<>(queries.size());
    for (int q = 0; q < queries.size(); q++) {
      QueryEvent query = queries.get(q);
      Map<String, Float> candidates = candidates(query, vectors.get(q), hits.get(q));
      if (candidates.size() < 2) {
        continue;
      }
      List<String> ids = List.copyOf(candidates.keySet());
      double[] bm25 = lexical == null ? null : lexical.score(query.text(), ids);
      List<RelatedDocument> related = new ArrayList<>(ids.size());
      for (int d = 0; d < ids.size(); d++) {
        CorpusDocument doc = documents.get(ids.get(d));
        related.add(
            new RelatedDocument(
                doc.docId(),
                doc.passage(),
                d + 1,
                candidates.get(doc.docId()),
                bm25 == null ? null : bm25[d]));
      }
      relations.add(Relation.of(runId, query.queryId(), query.text(), related));
    }
    return relations;
  }

  /** Candidate ids, in relation order, with their dense similarity. */
  private Map<String, Float> candidates(
      QueryEvent query, float[] vector, List<VectorIndex.Hit> hits) {
    Map<String, Float> similarity = new HashMap<>();
    List<String> dense = new ArrayList<>();
    for (VectorIndex.Hit hit : hits) {
      if (usable(hit.docId(), query)) {
        dense.add(hit.docId());
        similarity.put(hit.docId(), hit.score());
      }
    }
    List<String> lexicalIds = new ArrayList<>();
    if (lexicalSlots > 0) {
      List<String> found =
          lexical.search(query.text(), numRelations + SPARE).stream()
              .map(Bm25Index.Hit::docId)
              .filter(id -> usable(id, query))
              .toList();
      float[] scores = index.similarities(vector, found);
      for (int i = 0; i < scores.length; i++) {
        if (!Float.isNaN(scores[i])) { // NaN: not embedded yet, so not a candidate yet
          lexicalIds.add(found.get(i));
          similarity.putIfAbsent(found.get(i), scores[i]);
        }
      }
    }
    Map<String, Float> chosen = new LinkedHashMap<>();
    for (String id : HybridCandidates.merge(dense, lexicalIds, numRelations, lexicalSlots)) {
      chosen.put(id, similarity.get(id));
    }
    return chosen;
  }

  private boolean usable(String docId, QueryEvent query) {
    CorpusDocument doc = documents.get(docId);
    return doc != null && !docId.equals(query.sourceDocId()) && !sameText(doc, query.text());
  }

  private static boolean sameText(CorpusDocument doc, String query) {
    String q = query.strip();
    return doc.text().strip().equalsIgnoreCase(q) || doc.passage().strip().equalsIgnoreCase(q);
  }
}
