package dev.finesynth.trainer.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finesynth.contracts.events.Presets;
import dev.finesynth.contracts.events.Triplet;
import dev.finesynth.servicekit.ServiceKitFixture;
import dev.finesynth.servicekit.artifacts.ArtifactStore;
import dev.finesynth.servicekit.artifacts.LocalCopy;
import dev.finesynth.servicekit.artifacts.SharedArtifacts;
import dev.finesynth.servicekit.artifacts.TestBuckets;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With an S3 artifact store beside the shared folder: a completed dataset's canonical files and
 * manifest are in the bucket before the manifest is in place here, and a trainer whose shared
 * folder lost them reads them back from the bucket.
 */
class DatasetStoreS3IT {
  @TempDir Path tmp;

  private DatasetStore store(Path shared, ArtifactStore bucket) {
    ServiceKitFixture kit = new ServiceKitFixture("trainer", shared);
    DatasetStore store = DatasetStore.of(kit.config, kit.codec);
    store.artifacts = new SharedArtifacts(shared, tmp.resolve("scratch"), Optional.of(bucket));
    return store;
  }

  private static List<Triplet> triplets() {
    return IntStream.range(0, 4)
        .mapToObj(q -> Triplet.of("r1", "q" + q, "query " + q, "p", "pos", "n", "neg", 0.9, 0.1))
        .toList();
  }

  @Test
  void aCompletedDatasetIsInTheBucketAndComesBackFromIt() {
    Path shared = tmp.resolve("shared");
    ArtifactStore bucket = TestBuckets.store("prod");
    DatasetStore store = store(shared, bucket);
    store.dataset("r1").add(0, triplets());

    DatasetStore.Manifest manifest =
        store.complete("r1", "run-r1", Presets.models(Presets.DEFAULT), 4).orElseThrow();

    assertThat(bucket.list("datasets/r1"))
        .containsExactly(
            "datasets/r1/gpl-training-data.tsv",
            "datasets/r1/manifest.json",
            "datasets/r1/triplets.jsonl");
    DatasetStore fresh = store(tmp.resolve("a-new-volume"), bucket);
    assertThat(fresh.exists("r1")).isFalse();
    assertThat(fresh.storedManifest("r1")).contains(manifest);
    for (String name : List.of(RunDataset.JSONL, RunDataset.TSV)) {
      try (LocalCopy copy = fresh.storedFile("r1", name).orElseThrow()) {
        assertThat(copy.path()).hasSameBinaryContentAs(store.folder("r1").resolve(name));
      }
    }
    assertThat(fresh.storedManifest("r2")).isEmpty();
  }

  @Test
  void aDatasetTheBucketRefusesIsNotCompleteHereEither() {
    Path shared = tmp.resolve("shared");
    DatasetStore store = store(shared, TestBuckets.store("no-such-bucket", ""));
    store.dataset("r1").add(0, triplets());

    assertThatThrownBy(() -> store.complete("r1", "run-r1", Presets.models(Presets.DEFAULT), 4))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("s3://no-such-bucket/datasets/r1/triplets.jsonl");
    assertThat(store.manifest("r1")).isEmpty(); // the next scan tries again
    assertThat(Files.exists(store.folder("r1").resolve(DatasetStore.MANIFEST))).isFalse();
  }
}
