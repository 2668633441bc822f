package dev.finesynth.servicekit.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code finesynth.artifacts.store=s3}: what a service finishes in the shared folder goes to
 * the bucket under its path there, the location it announces is the bucket's, and another instance,
 * one without the shared folder's copy, reads it back into its scratch folder.
 */
class SharedArtifactsIT {
  @TempDir Path shared;
  @TempDir Path home;

  @Test
  void aModelFolderGoesToTheBucketAndComesBackFromItsLocation() throws IOException {
    String bucket = TestBuckets.create();
    ArtifactStore store = new S3ArtifactStore(TestBuckets.client(), bucket, "prod", 5L << 20);
    SharedArtifacts trainer =
        new SharedArtifacts(shared, home.resolve("trainer"), Optional.of(store));
    SharedArtifacts evaluator =
        new SharedArtifacts(
            home.resolve("no-shared"), home.resolve("evaluator"), Optional.of(store));
    Path model =
        ArtifactStoreContract.sentenceTransformersFolder(shared.resolve("models/r1/epoch-2"));

    String location = trainer.publishFolder(model);

    assertThat(location).isEqualTo("s3://" + bucket + "/prod/models/r1/epoch-2");
    Path fetched;
    try (LocalCopy copy = evaluator.folderAt(location)) {
      fetched = copy.path();
      assertThat(copy.fetched()).isTrue();
      assertThat(fetched).startsWith(home.resolve("evaluator"));
      assertThat(ArtifactStoreContract.tree(fetched)).isEqualTo(ArtifactStoreContract.tree(model));
    }
    assertThat(fetched).doesNotExist();
  }

  @Test
  void aDatasetFileIsPublishedUnderItsPlaceAndFetchedWhereTheSharedCopyIsGone() throws IOException {
    ArtifactStore store =
        new S3ArtifactStore(TestBuckets.client(), TestBuckets.create(), "", 5L << 20);
    SharedArtifacts artifacts = new SharedArtifacts(shared, home, Optional.of(store));
    Path place = shared.resolve("datasets/r1/manifest.json");
    Path written =
        ArtifactStoreContract.write(shared.resolve("datasets/r1/manifest.json.tmp"), "{}");

    artifacts.publish(written, place);

    assertThat(store.list("datasets/r1")).containsExactly("datasets/r1/manifest.json");
    try (LocalCopy copy = artifacts.fetchFile(place).orElseThrow()) {
      assertThat(copy.path().getFileName()).hasToString("manifest.json");
      assertThat(Files.readString(copy.path())).isEqualTo("{}");
    }
    assertThat(artifacts.fetchFile(shared.resolve("datasets/r2/manifest.json"))).isEmpty();
    assertThat(artifacts.fetchFolder(shared.resolve("models/r1/epoch-1"))).isEmpty();
  }
}
