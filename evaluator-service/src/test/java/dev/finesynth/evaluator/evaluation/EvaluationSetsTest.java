package dev.finesynth.evaluator.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finesynth.contracts.events.EvaluationSpec;
import dev.finesynth.evaluator.TinyBeir;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationSetsTest {
  @TempDir Path dir;

  private final EvaluationSets sets = new EvaluationSets(4);

  private static EvaluationSpec beir(Path folder, String split) {
    return new EvaluationSpec("beir", folder.toString(), split, List.of(10));
  }

  @Test
  void beirTestQueriesAgainstTheWholeCorpus() throws Exception {
    var data = sets.load(beir(TinyBeir.write(dir), "test")).set();

    assertThat(data.corpus().size()).isEqualTo(12);
    assertThat(data.queries().texts().keySet()).containsExactlyElementsOf(TinyBeir.TEST_QUERIES);
    assertThat(data.qrels().judgments().get("t1")).containsEntry("d1", 2);
  }

  @Test
  void loadsOnceUntilAFileChanges() throws Exception {
    Path folder = TinyBeir.write(dir);
    var first = sets.load(beir(folder, "test"));
    assertThat(sets.load(beir(folder, "test"))).isSameAs(first);
    assertThat(sets.load(beir(folder, "train")).set().queries().size()).isEqualTo(2);

    Path qrels = folder.resolve("qrels/test.tsv");
    Files.writeString(qrels, "query-id\tcorpus-id\tscore\nt1\td1\t1\n");
    Files.setLastModifiedTime(qrels, FileTime.from(Instant.now().plusSeconds(5)));
    var reloaded = sets.load(beir(folder, "test"));

    assertThat(reloaded).isNotSameAs(first);
    assertThat(reloaded.set().queries().texts()).containsOnlyKeys("t1");
    assertThat(reloaded.corpusVersion()).isEqualTo(first.corpusVersion());
  }

  @Test
  void labelsFormatReadsQueriesAndIndexFromTheFolder() throws Exception {
    Files.write(
        dir.resolve("queries.jsonl"),
        List.of(
            "{\"id\":\"q1\",\"text\":\"usb charger\",\"label\":\"power\"}",
            "{\"id\":\"q2\",\"text\":\"earbuds\",\"label\":\"audio\"}"));
    Files.write(
        dir.resolve("index.jsonl"),
        List.of(
            "{\"id\":\"p1\",\"text\":\"65W charger\",\"label\":\"power\"}",
            "{\"id\":\"p2\",\"text\":\"power bank\",\"label\":\"power\"}",
            "{\"id\":\"p3\",\"text\":\"headphones\",\"label\":\"audio\"}"));

    var data = sets.load(new EvaluationSpec("labels", dir.toString(), "test", List.of(10))).set();

    assertThat(data.corpus().size()).isEqualTo(3);
    assertThat(data.qrels().judgments().get("q1")).containsOnlyKeys("p1", "p2");
    assertThat(data.qrels().judgments().get("q2")).containsOnlyKeys("p3");
  }

  @Test
  void namesWhatIsWrong() throws Exception {
    Path missing = dir.resolve("nowhere");
    assertThatThrownBy(() -> sets.load(beir(missing, "test")))
        .hasMessage("evaluation data not found: " + missing);
    assertThatThrownBy(
            () -> sets.load(new EvaluationSpec("trec", dir.toString(), "test", List.of(10))))
        .hasMessageContaining("unknown evaluation format 'trec'; known: beir, labels");
    Path folder = TinyBeir.write(dir.resolve("beir"));
    assertThatThrownBy(() -> sets.load(beir(folder, "dev")))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("no qrels for split \"dev\"");
    Files.writeString(folder.resolve("qrels/empty.tsv"), "query-id\tcorpus-id\tscore\n");
    assertThatThrownBy(() -> sets.load(beir(folder, "empty")))
        .hasMessageContaining("no judged queries");
  }
}
