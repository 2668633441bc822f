package dev.finesynth.miner.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finesynth.contracts.events.CorpusDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedCorpusTest {
  @TempDir Path dir;
  private final List<String> embedded = new ArrayList<>();

  /** A fake embedder that records what it was asked to embed: the vector is the text's length. */
  private final Function<List<String>, List<float[]>> embed =
      texts -> {
        embedded.addAll(texts);
        return texts.stream().map(t -> new float[] {t.length(), 1}).toList();
      };

  @Test
  void embedsOnlyNewOrChangedDocumentsAndSurvivesARestart() {
    Path file = dir.resolve("c.vectors");
    var a = CorpusDocument.of("c", "a", "", "alpha");
    var b = CorpusDocument.of("c", "b", "", "beta");
    assertThat(EmbeddedCorpus.open(file).sync(List.of(a, b), embed, 1)).isEqualTo(2);

    EmbeddedCorpus reopened = EmbeddedCorpus.open(file);
    var changed = CorpusDocument.of("c", "b", "", "beta, longer");
    var added = CorpusDocument.of("c", "d", "", "delta");
    assertThat(reopened.sync(List.of(a, changed, added), embed, 8)).isEqualTo(2);
    assertThat(embedded).containsExactly("alpha", "beta", "beta, longer", "delta");

    reopened.sync(List.of(changed, added), embed, 8); // "a" deleted
    ExactIndex index = EmbeddedCorpus.open(file).index();
    assertThat(index.size()).isEqualTo(2);
    assertThat(index.search(List.of(new float[] {1, 0}), 1).get(0).get(0).docId()).isEqualTo("b");
  }
}
