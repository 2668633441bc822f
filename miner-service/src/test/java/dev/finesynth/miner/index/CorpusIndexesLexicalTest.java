package dev.finesynth.miner.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finesynth.contracts.events.CorpusDocument;
import dev.finesynth.miner.corpus.CorpusStore;
import dev.finesynth.servicekit.FinesynthConfig;
import dev.finesynth.servicekit.ServiceKitFixture;
import dev.finesynth.teacher.lexical.Bm25Index;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The miner's BM25 index follows the corpus topic's upserts and tombstones, and survives a restart.
 */
class CorpusIndexesLexicalTest {
  @TempDir Path home;

  private CorpusIndexes indexes() {
    CorpusIndexes indexes = new CorpusIndexes();
    indexes.config = config(home);
    indexes.k1 = 0.9f;
    indexes.b = 0.4f;
    return indexes;
  }

  private static CorpusStore.Change put(String id, String text) {
    return new CorpusStore.Change(id, CorpusDocument.of("c", id, "", text));
  }

  private static List<String> ids(Bm25Index index, String query) {
    return index.search(query, 10).stream().map(Bm25Index.Hit::docId).toList();
  }

  @Test
  void upsertsAndDeletionsReachTheLexicalIndex() throws Exception {
    CorpusIndexes indexes = indexes();
    indexes.apply("c", List.of(put("d1", "shock tube"), put("d2", "wind tunnel")));
    Bm25Index bm25 = indexes.lexical("c");
    assertThat(ids(bm25, "tube")).containsExactly("d1");

    indexes.apply("c", List.of(put("d1", "hypersonic inlet"), put("d3", "shock wave")));
    assertThat(ids(bm25, "tube")).isEmpty();
    assertThat(ids(bm25, "inlet")).containsExactly("d1");
    assertThat(ids(bm25, "shock")).containsExactly("d3");

    indexes.apply("c", List.of(new CorpusStore.Change("d3", null)));
    assertThat(ids(bm25, "shock")).isEmpty();
    assertThat(bm25.size()).isEqualTo(2);
    indexes.close();
  }

  @Test
  void aRestartedMinerRebuildsTheIndexFromItsCorpusStore() throws Exception {
    CorpusIndexes first = indexes();
    first.apply("c", List.of(put("d1", "shock tube"), put("d2", "wind tunnel")));
    first.apply("c", List.of(new CorpusStore.Change("d2", null)));
    first.close();

    CorpusIndexes restarted = indexes();
    Bm25Index bm25 = restarted.lexical("c");
    assertThat(bm25.size()).isEqualTo(1);
    assertThat(ids(bm25, "tube")).containsExactly("d1");
    assertThat(ids(bm25, "tunnel")).isEmpty();
    restarted.close();
  }

  private static FinesynthConfig config(Path home) {
    return new ServiceKitFixture("miner", home).config;
  }
}
