package dev.finesynth.evaluation.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BeirLoaderTest {
  @TempDir Path dir;

  @Test
  void loadsASplitAndKeepsOnlyItsQueries() throws IOException {
    write(
        "corpus.jsonl",
        "{\"_id\": \"d1\", \"title\": \"T\", \"text\": \"one\"}\n\n{\"_id\": 2, \"text\": \"two\"}");
    write(
        "queries.jsonl",
        "{\"_id\": \"q1\", \"text\": \"first\"}\n{\"_id\": \"q2\", \"text\": \"x\"}");
    write("qrels/test.tsv", "query-id\tcorpus-id\tscore\nq1\td1\t1\nq1\t2\t0\nq1\tgone\t2\n");

    EvaluationSet set = BeirLoader.load(dir, "test");

    assertThat(set.corpus().documents()).containsOnlyKeys("d1", "2");
    assertThat(set.corpus().documents().get("d1").titleAndText()).isEqualTo("T one");
    assertThat(set.corpus().documents().get("2").titleAndText()).isEqualTo("two");
    assertThat(set.queries().texts()).containsOnlyKeys("q1");
    assertThat(set.qrels().judgments().get("q1")).containsEntry("d1", 1).containsEntry("2", 0);
    assertThat(set.qrels().outside(set.corpus())).isEqualTo(1);
  }

  @Test
  void malformedJsonNamesFileAndLine() throws IOException {
    Path file =
        write("corpus.jsonl", "{\"_id\": \"d1\", \"text\": \"ok\"}\n{\"_id\": \"d2\", \"text\":");
    assertThatThrownBy(() -> BeirLoader.corpus(file))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageStartingWith(file + ":2: not valid JSON");
    Path twoObjects = write("queries.jsonl", "{\"_id\": \"q\", \"text\": \"a\"} {\"_id\": \"r\"}");
    assertThatThrownBy(() -> BeirLoader.queries(twoObjects))
        .hasMessageStartingWith(twoObjects + ":1: not valid JSON");
  }

  @Test
  void missingFieldAndDuplicateIdNameFileAndLine() throws IOException {
    Path missing = write("queries.jsonl", "{\"_id\": \"q1\"}");
    assertThatThrownBy(() -> BeirLoader.queries(missing))
        .hasMessage(missing + ":1: missing field \"text\"");
    Path duplicate =
        write(
            "corpus.jsonl",
            "{\"_id\": \"d1\", \"text\": \"a\"}\n{\"_id\": \"d1\", \"text\": \"b\"}");
    assertThatThrownBy(() -> BeirLoader.corpus(duplicate))
        .hasMessage(duplicate + ":2: duplicate document id d1");
  }

  @Test
  void badQrelsLinesNameFileAndLine() throws IOException {
    Queries known =
        BeirLoader.queries(write("queries.jsonl", "{\"_id\": \"q1\", \"text\": \"x\"}"));
    Path score = write("qrels/a.tsv", "query-id\tcorpus-id\tscore\nq1\td1\thigh\n");
    assertThatThrownBy(() -> BeirLoader.qrels(score, known))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessage(score + ":2: score is not an integer: \"high\"")
        .satisfies(e -> assertThat(((DatasetFormatException) e).line()).isEqualTo(2));
    Path fields = write("qrels/b.tsv", "q1\td1\t1\nq1 d2 1\n");
    assertThatThrownBy(() -> BeirLoader.qrels(fields, known))
        .hasMessage(fields + ":2: expected 3 tab-separated fields, found 1");
    Path unknown = write("qrels/c.tsv", "q9\td1\t1\n");
    assertThatThrownBy(() -> BeirLoader.qrels(unknown, known))
        .hasMessage(unknown + ":1: unknown query-id q9");
  }

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }
}
