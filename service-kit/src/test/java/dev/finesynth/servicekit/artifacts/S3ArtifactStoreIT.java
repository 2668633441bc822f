package dev.finesynth.servicekit.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finesynth.testing.S3Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The S3 store keeps the artifact contract against a real S3 API ({@link S3Server}: s3proxy, AWS v4
 * signatures), below a key prefix; large files go up in parts; and a store that cannot work says
 * why when it is made.
 */
class S3ArtifactStoreIT extends ArtifactStoreContract {
  private static final long SMALLEST_PART = 5L << 20;

  @Override
  ArtifactStore store() {
    return new S3ArtifactStore(
        TestBuckets.client(), TestBuckets.create(), "deploy-a", SMALLEST_PART);
  }

  @Test
  void aLocationIsTheBucketAndTheKeyBelowThePrefix() {
    String bucket = TestBuckets.create();
    ArtifactStore store =
        new S3ArtifactStore(TestBuckets.client(), bucket, "deploy-a", SMALLEST_PART);
    assertThat(store.location("models/r1/epoch-2"))
        .isEqualTo("s3://" + bucket + "/deploy-a/models/r1/epoch-2");
    assertThat(store.key("s3://" + bucket + "/deploy-b/models/r1/epoch-2")).isEmpty();
  }

  @Test
  void aFileLargerThanAPartGoesUpInPartsAndComesBackByteIdentical() throws IOException {
    ArtifactStore store = store();
    byte[] bytes = new byte[(int) (2 * SMALLEST_PART + 12345)];
    new Random(3).nextBytes(bytes);
    Path file = Files.write(work.resolve("model.safetensors"), bytes);

    store.putFile(file, "models/r1/epoch-1/model.safetensors");

    Path back = work.resolve("back.safetensors");
    store.getFile("models/r1/epoch-1/model.safetensors", back);
    assertThat(Files.mismatch(file, back)).isEqualTo(-1);
  }

  @Test
  void storesUnderTwoPrefixesOfOneBucketDoNotSeeEachOther() throws IOException {
    String bucket = TestBuckets.create();
    ArtifactStore a = new S3ArtifactStore(TestBuckets.client(), bucket, "deploy-a", SMALLEST_PART);
    ArtifactStore b = new S3ArtifactStore(TestBuckets.client(), bucket, "deploy-b", SMALLEST_PART);
    a.putFile(write(work.resolve("a"), "a"), "datasets/r1/triplets.jsonl");
    assertThat(b.exists("datasets/r1/triplets.jsonl")).isFalse();
    assertThat(b.list("datasets")).isEmpty();
    ArtifactStore none = new S3ArtifactStore(TestBuckets.client(), bucket, "", SMALLEST_PART);
    assertThat(none.list("deploy-a")).containsExactly("deploy-a/datasets/r1/triplets.jsonl");
  }

  @Test
  void aStoreThatCannotWorkSaysWhyWhenItIsMade() {
    assertThatThrownBy(() -> ArtifactStores.s3(TestBuckets.settings(null, null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs a bucket")
        .hasMessageContaining("FINESYNTH_ARTIFACTS_S3_BUCKET");
    assertThatThrownBy(
            () ->
                ArtifactStores.s3(
                    TestBuckets.settings("no-such-bucket", null), TestBuckets.CREDENTIALS))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no-such-bucket")
        .hasMessageContaining("HTTP 404")
        .hasMessageContaining(S3Server.endpoint().toString());
    String bucket = TestBuckets.create();
    assertThatThrownBy(
            () ->
                ArtifactStores.s3(
                    TestBuckets.settings(bucket, null),
                    StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3Server.IDENTITY, "wrong-secret"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("HTTP 403")
        .hasMessageContaining("credentials");
    try (S3ArtifactStore store =
        ArtifactStores.s3(TestBuckets.settings(bucket, "/deploy-a/"), TestBuckets.CREDENTIALS)) {
      assertThat(store.location("datasets/r1"))
          .isEqualTo("s3://" + bucket + "/deploy-a/datasets/r1");
    }
  }
}
