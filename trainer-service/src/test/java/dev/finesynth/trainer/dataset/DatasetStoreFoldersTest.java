package dev.finesynth.trainer.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finesynth.contracts.events.Presets;
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

/** The store refuses a run id that is a path, whoever asks (a consumer, a REST parameter). */
class DatasetStoreFoldersTest {
  private static final List<String> TRAVERSALS =
      List.of("..", "../escaped", "../../escaped", "a/b", "/tmp/escaped", ".hidden", "r\u0000");

  @TempDir Path tmp;
  private Path shared;
  private DatasetStore store;

  @BeforeEach
  void start() throws IOException {
    shared = Files.createDirectories(tmp.resolve("shared"));
    ServiceKitFixture kit = new ServiceKitFixture("trainer", shared);
    store = DatasetStore.of(kit.config, kit.codec);
  }

  @Test
  void aRunIdIsAFolderOfTheDatasetsFolder() {
    assertThat(store.folder("brisk-otter-3f2a"))
        .isEqualTo(shared.resolve("datasets/brisk-otter-3f2a"));
  }

  @Test
  void aRunIdThatIsAPathIsRefusedAndNothingIsWritten() throws IOException {
    for (String runId : TRAVERSALS) {
      assertThatThrownBy(() -> store.folder(runId))
          .as(runId)
          .isInstanceOf(UnsafePathException.class)
          .hasMessageStartingWith("runId: ");
      assertThatThrownBy(() -> store.exists(runId)).isInstanceOf(UnsafePathException.class);
      assertThatThrownBy(() -> store.manifest(runId)).isInstanceOf(UnsafePathException.class);
      assertThatThrownBy(() -> store.dataset(runId)).isInstanceOf(UnsafePathException.class);
      assertThatThrownBy(() -> store.complete(runId, "n", Presets.models(Presets.DEFAULT), 1))
          .isInstanceOf(UnsafePathException.class);
    }
    try (Stream<Path> all = Files.walk(tmp)) {
      assertThat(all.filter(p -> !p.equals(tmp) && !p.equals(shared))).isEmpty();
    }
    // the refusals left nothing behind: a valid run still gets its dataset
    assertThat(store.dataset("run-1")).isNotNull();
    assertThat(store.exists("run-1")).isFalse();
  }
}
