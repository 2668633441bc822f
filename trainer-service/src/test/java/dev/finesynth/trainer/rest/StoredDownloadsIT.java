package dev.finesynth.trainer.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.events.Presets;
import dev.finesynth.servicekit.InMemoryChannels;
import dev.finesynth.servicekit.artifacts.ArtifactStore;
import dev.finesynth.servicekit.artifacts.TestBuckets;
import dev.finesynth.testing.S3Server;
import dev.finesynth.trainer.dataset.DatasetStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * The trainer with {@code finesynth.artifacts.store=s3} on a real S3 API: it starts once its bucket
 * answers, and serves a dataset and a model that its shared folder does not hold from the bucket.
 */
@QuarkusTest
@TestProfile(StoredDownloadsIT.InBucket.class)
class StoredDownloadsIT {
  /** The trainer without a broker, its artifacts in a bucket of the test's S3 server. */
  public static class InBucket implements QuarkusTestProfile {
    static final String BUCKET = TestBuckets.create();
    static final Path HOME = temporaryFolder("trainer-home-");

    @Override
    public Map<String, String> getConfigOverrides() {
      // the SDK's default credentials chain starts with these system properties
      System.setProperty("aws.accessKeyId", S3Server.IDENTITY);
      System.setProperty("aws.secretAccessKey", S3Server.CREDENTIAL);
      Map<String, String> config = new HashMap<>(InMemoryChannels.config());
      config.put("quarkus.scheduler.enabled", "false");
      config.put("finesynth.home", HOME.toString());
      config.put("finesynth.shared", temporaryFolder("trainer-shared-").toString());
      config.put("finesynth.artifacts.store", "s3");
      config.put("finesynth.artifacts.s3.bucket", BUCKET);
      config.put("finesynth.artifacts.s3.prefix", "prod");
      config.put("finesynth.artifacts.s3.endpoint", S3Server.endpoint().toString());
      config.put("finesynth.artifacts.s3.path-style", "true");
      return config;
    }

    @Override
    public boolean disableGlobalTestResources() {
      return true;
    }
  }

  @Test
  void aDatasetAndAModelAbsentFromTheSharedFolderAreServedFromTheBucket() throws IOException {
    ArtifactStore bucket = TestBuckets.store(InBucket.BUCKET, "prod");
    Path work = temporaryFolder("stored-");
    String jsonl = "{\"query\":\"q1\"}\n{\"query\":\"q2\"}\n";
    bucket.putFile(write(work.resolve("triplets.jsonl"), jsonl), "datasets/r-s3/triplets.jsonl");
    bucket.putFile(
        write(work.resolve("data.tsv"), "q1\tp\tn\t0.8\n"), "datasets/r-s3/gpl-training-data.tsv");
    var manifest =
        new DatasetStore.Manifest(
            "r-s3", "run", 2, "sha256-abc", Presets.models(Presets.DEFAULT), Instant.now(), 0);
    bucket.putFile(
        write(work.resolve("manifest.json"), EventCodec.newMapper().writeValueAsString(manifest)),
        "datasets/r-s3/manifest.json");
    Path model = Files.createDirectories(work.resolve("model/1_Pooling"));
    write(model.resolveSibling("config.json"), "{\"hidden_size\":384}");
    write(model.resolve("config.json"), "{}");
    byte[] weights = new byte[300_000];
    new Random(1).nextBytes(weights);
    Files.write(model.resolveSibling("model.safetensors"), weights);
    bucket.putFolder(work.resolve("model"), "models/r-s3/epoch-1");

    assertThat(
            given()
                .get("/datasets/r-s3")
                .then()
                .statusCode(200)
                .header("X-Row-Count", "2")
                .header("X-Checksum", "sha256-abc")
                .header("X-Complete", "true")
                .extract()
                .asString())
        .isEqualTo(jsonl);
    assertThat(given().get("/datasets/r-s3?format=tsv").then().statusCode(200).extract().asString())
        .isEqualTo("q1\tp\tn\t0.8\n");
    byte[] zip = given().get("/models/r-s3/epoch-1").then().statusCode(200).extract().asByteArray();
    assertThat(unzip(zip))
        .containsOnlyKeys("config.json", "1_Pooling/config.json", "model.safetensors")
        .containsEntry("1_Pooling/config.json", "{}".getBytes())
        .satisfies(files -> assertThat(files.get("model.safetensors")).isEqualTo(weights));
    given().get("/datasets/r-none").then().statusCode(404);
    given().get("/models/r-s3/epoch-2").then().statusCode(404);
    // the fetched copies are deleted once served
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> fetchedCopies(InBucket.HOME.resolve("fetched-artifacts")) == 0);
  }

  private static long fetchedCopies(Path scratch) throws IOException {
    if (!Files.isDirectory(scratch)) {
      return 0;
    }
    try (Stream<Path> copies = Files.list(scratch)) {
      return copies.count();
    }
  }

  private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        files.put(entry.getName(), in.readAllBytes());
      }
    }
    return files;
  }

  private static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  private static Path temporaryFolder(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
