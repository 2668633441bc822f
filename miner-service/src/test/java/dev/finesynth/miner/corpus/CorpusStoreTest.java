package dev.finesynth.miner.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finesynth.contracts.events.CorpusDocument;
import dev.finesynth.contracts.paths.UnsafePathException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusStoreTest {
  @TempDir Path dir;

  @Test
  void upsertsAndTombstonesAreReplayedAfterARestart() throws Exception {
    var a = CorpusDocument.of("c-1", "a", "A", "first");
    var b = CorpusDocument.of("c-1", "b", "B", "second");
    var a2 = CorpusDocument.of("c-1", "a", "A", "first, edited");
    try (CorpusStore store = CorpusStore.open("c-1", dir)) {
      store.apply(List.of(new CorpusStore.Change("a", a), new CorpusStore.Change("b", b)));
      store.apply(List.of(new CorpusStore.Change("a", a2), new CorpusStore.Change("b", null)));
      assertThat(store.documents()).containsExactly(a2);
    }
    try (CorpusStore reopened = CorpusStore.open("c-1", dir)) {
      assertThat(reopened.documents()).containsExactly(a2);
      assertThat(reopened.size()).isEqualTo(1);
    }
  }

  @Test
  void aCorpusIdIsAFileNameNeverAPath() throws Exception {
    Path corpus = Files.createDirectories(dir.resolve("miner/corpus"));
    try (CorpusStore store = CorpusStore.open("corpus-0123abcd", corpus)) {
      assertThat(corpus.resolve("corpus-0123abcd.log.jsonl")).exists();
    }
    for (String corpusId : List.of("../../escaped", "..", "c/1", "/tmp/escaped", ".x", "c\u0000")) {
      assertThatThrownBy(() -> CorpusStore.open(corpusId, corpus))
          .as(corpusId)
          .isInstanceOf(UnsafePathException.class)
          .hasMessageStartingWith("corpusId: ");
    }
    try (var files = Files.walk(dir)) {
      assertThat(files.filter(Files::isRegularFile))
          .containsExactly(corpus.resolve("corpus-0123abcd.log.jsonl"));
    }
  }
}
