package dev.finesynth.miner.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finesynth.contracts.events.CorpusDocument;
import dev.finesynth.contracts.events.QueryEvent;
import dev.finesynth.contracts.events.RelatedDocument;
import dev.finesynth.miner.corpus.CorpusStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelationMinerTest {
  @TempDir Path dir;

  @Test
  void rankOneIsThePositiveAndTheQuerysOwnDocumentIsSkipped() throws Exception {
    try (CorpusStore store = CorpusStore.open("c", dir)) {
      store.apply(
          List.of(
              new CorpusStore.Change("same", CorpusDocument.of("c", "same", "", "wing flutter")),
              new CorpusStore.Change(
                  "near", CorpusDocument.of("c", "near", "", "flutter of wings")),
              new CorpusStore.Change("mid", CorpusDocument.of("c", "mid", "", "aeroelastic")),
              new CorpusStore.Change("far", CorpusDocument.of("c", "far", "", "heat transfer"))));
      var index =
          new ExactIndex(
              List.of("same", "near", "mid", "far"),
              new float[][] {{1, 0}, {0.9f, 0.1f}, {0.5f, 0.5f}, {0, 1}});
      var relations =
          new RelationMiner(index, store, 3)
              .mine(
                  "r",
                  List.of(QueryEvent.of("r", "q", "Wing flutter ")),
                  List.of(new float[] {1, 0}));
      assertThat(relations).hasSize(1);
      assertThat(relations.get(0).documents())
          .extracting(RelatedDocument::docId)
          .containsExactly("near", "mid", "far");
      assertThat(relations.get(0).documents())
          .extracting(RelatedDocument::rank)
          .containsExactly(1, 2, 3);
      assertThat(relations.get(0).key()).isEqualTo("r/q");

      // a pseudo-query made from "near" is mined without it
      var pseudo =
          new RelationMiner(index, store, 3)
              .mine(
                  "r",
                  List.of(QueryEvent.of("r", "pseudo-near", "flutter of wings", "near")),
                  List.of(new float[] {0.9f, 0.1f}));
      assertThat(pseudo.get(0).documents())
          .extracting(RelatedDocument::docId)
          .containsExactly("same", "mid", "far");
    }
  }
}
