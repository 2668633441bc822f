package dev.finesynth.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finesynth.contracts.paths.UnsafePathException;
import dev.finesynth.servicekit.ServiceKitFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints, models and markers stay under their run's folder, whatever the run id says. */
class ModelStoreFoldersTest {
  @TempDir Path tmp;
  private Path shared;
  private ModelStore models;

  @BeforeEach
  void start() throws IOException {
    shared = Files.createDirectories(tmp.resolve("shared"));
    models = new ModelStore();
    models.config = new ServiceKitFixture("trainer", shared).config;
  }

  @Test
  void aRunsFilesAreUnderItsFolders() {
    assertThat(models.model("run-1", 2)).isEqualTo(shared.resolve("models/run-1/epoch-2"));
    assertThat(models.checkpoint("run-1")).isEqualTo(shared.resolve("training/run-1/checkpoint"));
    assertThat(models.lock("run-1")).isEqualTo(shared.resolve("training/run-1/.lock"));
  }

  @Test
  void aRunIdThatIsAPathIsRefusedAndNothingIsWritten() throws IOException {
    for (String runId : List.of("..", "../../escaped", "a/b", "/tmp/escaped", ".x", "%2e%2e")) {
      assertThatThrownBy(() -> models.model(runId, 1))
          .as(runId)
          .isInstanceOf(UnsafePathException.class)
          .hasMessageStartingWith("runId: ");
      assertThatThrownBy(() -> models.checkpoint(runId)).isInstanceOf(UnsafePathException.class);
      assertThatThrownBy(() -> models.markFinished(runId, 1))
          .isInstanceOf(UnsafePathException.class);
      assertThatThrownBy(() -> models.markFailed(runId, "x"))
          .isInstanceOf(UnsafePathException.class);
      assertThatThrownBy(() -> models.lock(runId)).isInstanceOf(UnsafePathException.class);
    }
    try (Stream<Path> all = Files.walk(tmp)) {
      assertThat(all.filter(p -> !p.equals(tmp) && !p.equals(shared))).isEmpty();
    }
  }
}
