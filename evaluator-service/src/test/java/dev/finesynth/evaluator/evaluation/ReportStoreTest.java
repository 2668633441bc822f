package dev.finesynth.evaluator.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finesynth.contracts.paths.UnsafePathException;
import dev.finesynth.evaluation.metrics.Metric;
import dev.finesynth.evaluation.metrics.RetrievalReport;
import dev.finesynth.evaluation.report.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportStoreTest {
  @TempDir Path root;

  private static RetrievalReport report(double ndcg) {
    Map<String, Double> means = new LinkedHashMap<>();
    for (Metric metric : Metric.values()) {
      means.put(metric.at(10), metric == Metric.NDCG ? ndcg : 0.5);
    }
    return new RetrievalReport(List.of(10), 1, 0, means, Map.of("q1", means));
  }

  @Test
  void checkpointsSurviveARestartAndTheReportShowsEachEpoch() throws Exception {
    var store = new ReportStore(root);
    store.add("run-1", new Checkpoint("base", 0, report(0.40)));
    var files = store.add("run-1", new Checkpoint("epoch 1", 1, report(0.45)));

    var restarted = new ReportStore(root);
    assertThat(restarted.checkpoints("run-1"))
        .extracting(Checkpoint::name)
        .containsExactly("base", "epoch 1");
    assertThat(restarted.checkpoint("run-1", 0))
        .get()
        .isEqualTo(store.checkpoint("run-1", 0).get());
    assertThat(restarted.checkpoint("run-1", 1).get().report().mean(Metric.NDCG, 10))
        .isEqualTo(0.45);
    assertThat(files.json()).exists();
    assertThat(Files.readString(files.markdown())).contains("ndcg@10").contains("epoch 1");
    assertThat(Files.readString(files.svg())).contains("<svg");
  }

  @Test
  void aReEvaluatedEpochReplacesTheOldOneAndEpochsStayInOrder() {
    var store = new ReportStore(root);
    store.add("run-1", new Checkpoint("epoch 2", 2, report(0.5)));
    store.add("run-1", new Checkpoint("base", 0, report(0.4)));
    store.add("run-1", new Checkpoint("epoch 2", 2, report(0.6)));

    assertThat(store.checkpoints("run-1")).extracting(Checkpoint::epoch).containsExactly(0, 2);
    assertThat(store.checkpoint("run-1", 2).get().report().mean(Metric.NDCG, 10)).isEqualTo(0.6);
    assertThat(store.checkpoints("run-2")).isEmpty();
  }

  @Test
  void aRunIdIsAFolderNameNeverAPath() throws Exception {
    Path reports = Files.createDirectories(root.resolve("reports"));
    var store = new ReportStore(reports);
    assertThat(store.folder("brisk-otter-3f2a")).isEqualTo(reports.resolve("brisk-otter-3f2a"));
    for (String runId : List.of("../etc", "..", "a/b", "/etc", ".hidden", "r\u0000", "a\\..")) {
      assertThatThrownBy(() -> store.folder(runId))
          .as(runId)
          .isInstanceOf(UnsafePathException.class)
          .hasMessageStartingWith("runId: ");
      assertThatThrownBy(() -> store.add(runId, new Checkpoint("base", 0, report(0.4))))
          .isInstanceOf(UnsafePathException.class);
      assertThatThrownBy(() -> store.markUnpublished(runId, 1))
          .isInstanceOf(UnsafePathException.class);
      assertThatThrownBy(() -> store.lock(runId, 1)).isInstanceOf(UnsafePathException.class);
    }
    try (var written = Files.walk(root)) {
      assertThat(written.filter(p -> !p.equals(root) && !p.equals(reports))).isEmpty();
    }
  }

  @Test
  void anEpochIsUnpublishedFromBeforeItsCheckpointUntilItsMetricsWentOut() {
    var store = new ReportStore(root);
    assertThat(store.unpublished("r", 1)).isFalse(); // older checkpoints carry no mark

    store.markUnpublished("r", 1);
    assertThat(new ReportStore(root).unpublished("r", 1)).isTrue(); // seen after a restart
    store.markPublished("r", 1);

    assertThat(store.unpublished("r", 1)).isFalse();
  }
}
