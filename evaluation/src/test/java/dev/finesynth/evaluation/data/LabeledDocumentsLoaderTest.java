package dev.finesynth.evaluation.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finesynth.evaluation.metrics.Metric;
import dev.finesynth.evaluation.metrics.RetrievalEvaluator;
import dev.finesynth.evaluation.metrics.RetrievalReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabeledDocumentsLoaderTest {
  @TempDir Path dir;

  @Test
  void itemsSharingALabelAreRelevantToEachOther() throws IOException {
    Path queries =
        write(
            "queries.jsonl",
            """
            {"id": "q1", "text": "red shoes", "label": "shoes"}
            {"id": "q2", "text": "blue hat", "label": 7}
            {"id": "q3", "text": "a lamp", "label": "lamp"}
            """);
    Path index =
        write(
            "index.jsonl",
            """
            {"id": "d1", "text": "sneakers", "label": "shoes"}
            {"id": "d2", "text": "boots", "label": "shoes"}
            {"id": "d3", "text": "cap", "label": "7"}
            """);

    EvaluationSet set = LabeledDocumentsLoader.load(queries, index);

    assertThat(set.corpus().size()).isEqualTo(3);
    assertThat(set.queries().texts()).containsEntry("q2", "blue hat");
    assertThat(set.qrels().judgments().get("q1")).containsOnlyKeys("d1", "d2");
    assertThat(set.qrels().judgments().get("q2")).containsOnlyKeys("d3");
    assertThat(set.qrels().judgments().get("q3")).isEmpty();
    // q3 has no labelled match: skipped and counted, not silently dropped
    RetrievalReport r =
        RetrievalEvaluator.builder()
            .build()
            .evaluateRanked(
                set.qrels().judgments(), Map.of("q1", List.of("d2"), "q2", List.of("d3")));
    assertThat(r.skippedQueries()).isEqualTo(1);
    assertThat(r.mean(Metric.RECALL, 10)).isEqualTo((0.5 + 1) / 2);
  }

  @Test
  void sameFileForQueriesAndIndexLeavesTheQueryItselfOut() throws IOException {
    Path items =
        write(
            "items.jsonl",
            """
            {"id": "a", "text": "x", "label": "L"}
            {"id": "b", "text": "y", "label": "L"}
            """);
    EvaluationSet set = LabeledDocumentsLoader.load(items, items);
    assertThat(set.qrels().judgments().get("a")).containsOnlyKeys("b");
    assertThat(set.qrels().judgments().get("b")).containsOnlyKeys("a");
  }

  @Test
  void missingLabelNamesFileAndLine() throws IOException {
    Path bad =
        write(
            "bad.jsonl",
            "{\"id\": \"a\", \"text\": \"x\", \"label\": \"L\"}\n{\"id\": \"b\", \"text\": \"y\"}\n");
    assertThatThrownBy(() -> LabeledDocumentsLoader.load(bad, bad))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessage(bad + ":2: missing field \"label\"");
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }
}
