package dev.finesynth.servicekit.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finesynth.contracts.paths.UnsafePathException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With the folder store (the default) the shared folder is the store: nothing is copied. */
class SharedArtifactsTest {
  @TempDir Path shared;

  @Test
  void aFolderIsAnnouncedByItsAbsolutePathAndNothingIsCopied() throws IOException {
    SharedArtifacts artifacts = SharedArtifacts.inSharedFolder(shared);
    Path model =
        ArtifactStoreContract.sentenceTransformersFolder(shared.resolve("models/r1/epoch-1"));

    assertThat(artifacts.copies()).isFalse();
    assertThat(artifacts.publishFolder(model)).isEqualTo(model.toAbsolutePath().toString());
    artifacts.publish(model.resolve("config.json"));
    try (LocalCopy copy = artifacts.folderAt(model.toAbsolutePath().toString())) {
      assertThat(copy.path()).isEqualTo(model.toAbsolutePath());
      assertThat(copy.fetched()).isFalse();
    }
    assertThat(model.resolve("config.json")).exists(); // closing leaves what was already here
    assertThat(artifacts.fetchFile(shared.resolve("datasets/r1/triplets.jsonl"))).isEmpty();
    assertThat(artifacts.fetchFolder(shared.resolve("models/r1/epoch-9"))).isEmpty();
    assertThat(shared.resolve(SharedArtifacts.SCRATCH)).doesNotExist();
  }

  @Test
  void aLocationInABucketNeedsTheBucket() {
    SharedArtifacts artifacts = SharedArtifacts.inSharedFolder(shared);
    assertThatThrownBy(() -> artifacts.folderAt("s3://artifacts/models/r1/epoch-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("finesynth.artifacts.store=s3");
  }

  @Test
  void onlyPathsBelowTheSharedFolderAreArtifacts() {
    SharedArtifacts artifacts = SharedArtifacts.inSharedFolder(shared);
    assertThat(artifacts.key(shared.resolve("models/r1/epoch-1"))).isEqualTo("models/r1/epoch-1");
    assertThatThrownBy(() -> artifacts.key(shared.resolve("../elsewhere")))
        .isInstanceOf(UnsafePathException.class);
    assertThatThrownBy(() -> artifacts.key(shared.resolve("reports/r1/.report.lock")))
        .isInstanceOf(UnsafePathException.class);
    assertThat(Files.exists(shared.resolve("models"))).isFalse();
  }
}
