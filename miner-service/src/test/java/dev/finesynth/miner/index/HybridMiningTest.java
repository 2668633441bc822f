package dev.finesynth.miner.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.finesynth.contracts.events.CorpusDocument;
import dev.finesynth.contracts.events.QueryEvent;
import dev.finesynth.contracts.events.RelatedDocument;
import dev.finesynth.contracts.events.Relation;
import dev.finesynth.miner.corpus.CorpusStore;
import dev.finesynth.teacher.lexical.Bm25Index;
import dev.finesynth.teacher.lexical.Bm25Params;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hybrid mining on a corpus where the dense and the lexical rankings disagree: the dense index
 * prefers d1 > d2 > d3 > d4 > d5, BM25 finds only d5 and d4 for "shock tube".
 */
class HybridMiningTest {
  private static final List<String> IDS = List.of("d1", "d2", "d3", "d4", "d5");
  private static final float[][] VECTORS = {
    {1, 0}, {0.95f, 0.31f}, {0.8f, 0.6f}, {0.6f, 0.8f}, {0.3f, 0.95f}
  };
  private static final QueryEvent QUERY = QueryEvent.of("r", "q", "shock tube");

  @TempDir Path dir;
  private CorpusStore store;
  private Bm25Index bm25;

  @BeforeEach
  void corpus() {
    store = CorpusStore.open("c", dir);
    bm25 = Bm25Index.inMemory(Bm25Params.DEFAULT);
    List<String> texts =
        List.of(
            "boundary layer transition",
            "laminar flow on wings",
            "heat transfer at hypersonic speed",
            "a tube for testing",
            "shock waves in a shock tube");
    for (int i = 0; i < IDS.size(); i++) {
      var doc = CorpusDocument.of("c", IDS.get(i), "", texts.get(i));
      store.apply(List.of(new CorpusStore.Change(doc.docId(), doc)));
      bm25.upsert(doc.docId(), doc.passage());
    }
  }

  @AfterEach
  void close() throws Exception {
    store.close();
    bm25.close();
  }

  private Relation mine(int numRelations, double lexicalShare) {
    var miner =
        new RelationMiner(new ExactIndex(IDS, VECTORS), bm25, store, numRelations, lexicalShare);
    return miner.mine("r", List.of(QUERY), List.of(new float[] {1, 0})).get(0);
  }

  @Test
  void denseCandidatesComeFirstThenTheBestLexicalOnes() {
    Relation relation = mine(4, 0.5); // 2 dense + 2 lexical
    assertThat(relation.documents())
        .extracting(RelatedDocument::docId)
        .containsExactly("d1", "d2", "d5", "d4");
    assertThat(relation.documents()).extracting(RelatedDocument::rank).containsExactly(1, 2, 3, 4);
  }

  @Test
  void everyCandidateCarriesItsDenseAndItsBm25Score() {
    Relation relation = mine(4, 0.5);
    double[] bm25Scores = bm25.score("shock tube", List.of("d1", "d2", "d5", "d4"));
    assertThat(relation.documents())
        .extracting(RelatedDocument::minerScore)
        .containsExactly((double) 1f, (double) 0.95f, (double) 0.3f, (double) 0.6f);
    for (int i = 0; i < 4; i++) {
      assertThat(relation.documents().get(i).lexicalScore()).isCloseTo(bm25Scores[i], within(1e-9));
    }
    assertThat(relation.documents().get(0).lexicalScore()).isZero();
    assertThat(relation.documents().get(2).lexicalScore())
        .isGreaterThan(relation.documents().get(3).lexicalScore());
  }

  @Test
  void withoutALexicalShareTheCandidatesAreDenseButStillCarryBm25() {
    Relation relation = mine(3, 0);
    assertThat(relation.documents())
        .extracting(RelatedDocument::docId)
        .containsExactly("d1", "d2", "d3");
    assertThat(relation.documents()).allSatisfy(d -> assertThat(d.lexicalScore()).isZero());
  }

  @Test
  void denseHitsFillWhatBm25CannotFind() {
    Relation relation = mine(5, 0.8); // 4 lexical slots, but BM25 knows only d4 and d5
    assertThat(relation.documents())
        .extracting(RelatedDocument::docId)
        .containsExactly("d1", "d5", "d4", "d2", "d3");
  }

  @Test
  void aDocumentWithTheQuerysTextIsNotALexicalCandidate() {
    var same = CorpusDocument.of("c", "d6", "", "Shock tube");
    store.apply(List.of(new CorpusStore.Change("d6", same)));
    bm25.upsert("d6", same.passage());
    var index =
        new ExactIndex(
            List.of("d1", "d2", "d3", "d4", "d5", "d6"),
            new float[][] {VECTORS[0], VECTORS[1], VECTORS[2], VECTORS[3], VECTORS[4], {0, 1}});
    Relation relation =
        new RelationMiner(index, bm25, store, 3, 0.7)
            .mine("r", List.of(QUERY), List.of(new float[] {1, 0}))
            .get(0);
    assertThat(relation.documents())
        .extracting(RelatedDocument::docId)
        .containsExactly("d1", "d5", "d4");
  }
}
