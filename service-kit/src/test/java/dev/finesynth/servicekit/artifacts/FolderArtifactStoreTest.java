package dev.finesynth.servicekit.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The folder store (the shared folder) keeps the artifact contract, with absolute paths. */
class FolderArtifactStoreTest extends ArtifactStoreContract {
  private Path root;

  @Override
  ArtifactStore store() {
    root = work.resolve("shared");
    return new FolderArtifactStore(root);
  }

  @Test
  void aLocationIsTheAbsolutePathOfTheKey() {
    ArtifactStore store = store();
    assertThat(store.location("models/r1/epoch-2"))
        .isEqualTo(root.resolve("models/r1/epoch-2").toAbsolutePath().toString());
    assertThat(store.key(root.resolve("models/r1/../r1/epoch-2").toAbsolutePath().toString()))
        .contains("models/r1/epoch-2");
    assertThat(store.key(root.resolve("models/.tmp").toAbsolutePath().toString())).isEmpty();
  }

  @Test
  void locksAndTemporaryFilesAreNotListedAndNoneIsLeftBehind() throws IOException {
    ArtifactStore store = store();
    Path file = write(work.resolve("a"), "a");
    store.putFile(file, "datasets/r1/triplets.jsonl");
    store.putFile(file, "datasets/r1/triplets.jsonl");
    store.putFolder(sentenceTransformersFolder(work.resolve("model")), "models/r1/epoch-1");
    store.putFolder(sentenceTransformersFolder(work.resolve("model")), "models/r1/epoch-1");
    write(root.resolve("datasets/r1/.lock"), "");

    assertThat(store.list("datasets/r1")).containsExactly("datasets/r1/triplets.jsonl");
    try (Stream<Path> walk = Files.walk(root)) {
      assertThat(walk.map(p -> p.getFileName().toString()).filter(n -> n.contains(".tmp")))
          .isEmpty();
    }
  }

  @Test
  void aFileAlreadyAtItsKeyIsLeftAsItIs() throws IOException {
    ArtifactStore store = store();
    Path file = write(root.resolve("datasets/r1/triplets.jsonl"), "rows\n");
    store.putFile(file, "datasets/r1/triplets.jsonl");
    assertThat(Files.readString(file)).isEqualTo("rows\n");
  }
}
