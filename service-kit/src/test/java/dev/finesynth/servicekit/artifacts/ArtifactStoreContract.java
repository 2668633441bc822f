package dev.finesynth.servicekit.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finesynth.contracts.paths.UnsafePathException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every artifact store does, run against each ({@link FolderArtifactStoreTest}, {@link
 * S3ArtifactStoreIT}): datasets and models come back byte for byte, keys are listed by folder, a
 * key that is not a path of segments is refused, and a put replaces what was there.
 */
abstract class ArtifactStoreContract {
  static final List<String> UNSAFE_KEYS =
      List.of(
          "../escape",
          "datasets/../../escape",
          "/datasets/r1/triplets.jsonl",
          "datasets/.hidden",
          "datasets//r1",
          "datasets/r1/",
          "datasets\\r1",
          "datasets/r 1",
          "datasets/C:x",
          "");

  @TempDir Path work;

  /** An empty store, new for each test. */
  abstract ArtifactStore store();

  @Test
  void aCanonicalDatasetComesBackByteIdentical() throws IOException {
    ArtifactStore store = store();
    Path dataset = Files.createDirectories(work.resolve("datasets/r1"));
    Path jsonl = write(dataset.resolve("triplets.jsonl"), jsonLines(3 << 20));
    Path tsv = write(dataset.resolve("gpl-training-data.tsv"), "q1\tp1\tn1\t0.5\n".repeat(1000));
    Path manifest = write(dataset.resolve("manifest.json"), "{\"runId\":\"r1\",\"rows\":24000}");

    for (Path file : List.of(jsonl, tsv, manifest)) {
      store.putFile(file, "datasets/r1/" + file.getFileName());
    }

    Path back = work.resolve("back");
    for (Path file : List.of(jsonl, tsv, manifest)) {
      Path copy = back.resolve(file.getFileName().toString());
      store.getFile("datasets/r1/" + file.getFileName(), copy);
      assertThat(Files.mismatch(file, copy)).as("%s", file.getFileName()).isEqualTo(-1);
    }
    Path folder = Files.createDirectories(work.resolve("folder"));
    assertThat(store.getFolder("datasets/r1", folder)).isEqualTo(3);
    assertThat(tree(folder)).isEqualTo(tree(dataset));
  }

  @Test
  void aModelFolderWithNestedFilesComesBackIntoAnEmptyFolder() throws IOException {
    ArtifactStore store = store();
    Path model = sentenceTransformersFolder(work.resolve("models/r1/epoch-1"));

    store.putFolder(model, "models/r1/epoch-1");

    assertThat(store.list("models/r1/epoch-1"))
        .containsExactly(
            "models/r1/epoch-1/1_Pooling/config.json",
            "models/r1/epoch-1/config.json",
            "models/r1/epoch-1/model.safetensors",
            "models/r1/epoch-1/modules.json",
            "models/r1/epoch-1/tokenizer.json");
    Path empty = Files.createDirectory(work.resolve("fetched"));
    assertThat(store.getFolder("models/r1/epoch-1", empty)).isEqualTo(5);
    assertThat(tree(empty)).isEqualTo(tree(model));
  }

  @Test
  void existsAndListTellFilesByFolder() throws IOException {
    ArtifactStore store = store();
    Path file = write(work.resolve("a"), "a");
    store.putFile(file, "datasets/r1/triplets.jsonl");
    store.putFile(file, "datasets/r10/triplets.jsonl");
    store.putFile(file, "models/r1/epoch-1/config.json");

    assertThat(store.exists("datasets/r1/triplets.jsonl")).isTrue();
    assertThat(store.exists("datasets/r1/manifest.json")).isFalse();
    assertThat(store.exists("datasets/r1")).as("a folder is not a file").isFalse();
    assertThat(store.list("datasets/r1")).containsExactly("datasets/r1/triplets.jsonl");
    assertThat(store.list("datasets"))
        .containsExactly("datasets/r1/triplets.jsonl", "datasets/r10/triplets.jsonl");
    assertThat(store.list("reports")).isEmpty();
    assertThat(store.key(store.location("models/r1/epoch-1"))).contains("models/r1/epoch-1");
    assertThat(store.key("/elsewhere/models/r1")).isEmpty();
    assertThat(store.key("s3://another-bucket/models/r1")).isEmpty();
  }

  @Test
  void aKeyThatIsNotAPathOfSegmentsIsRefused() throws IOException {
    ArtifactStore store = store();
    Path file = write(work.resolve("a"), "a");
    Path target = work.resolve("target");
    for (String key : UNSAFE_KEYS) {
      assertThatThrownBy(() -> store.putFile(file, key))
          .as("put %s", key)
          .isInstanceOf(UnsafePathException.class);
      assertThatThrownBy(() -> store.getFile(key, target))
          .as("get %s", key)
          .isInstanceOf(UnsafePathException.class);
      assertThatThrownBy(() -> store.exists(key)).isInstanceOf(UnsafePathException.class);
      assertThatThrownBy(() -> store.list(key)).isInstanceOf(UnsafePathException.class);
      assertThatThrownBy(() -> store.putFolder(work, key)).isInstanceOf(UnsafePathException.class);
    }
    // a folder with a file whose name is no segment is refused before anything is stored
    Path model = sentenceTransformersFolder(work.resolve("model"));
    write(model.resolve(".gitattributes"), "*.bin filter=lfs");
    assertThatThrownBy(() -> store.putFolder(model, "models/r1/epoch-1"))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("starts with '.'");
    assertThat(store.list("models")).isEmpty();
    assertThat(Files.exists(target)).isFalse();
  }

  @Test
  void aPutReplacesWhatWasThere() throws IOException {
    ArtifactStore store = store();
    store.putFile(write(work.resolve("v1"), "first version, longer"), "datasets/r1/manifest.json");
    store.putFile(write(work.resolve("v2"), "second"), "datasets/r1/manifest.json");
    Path back = work.resolve("back");
    store.getFile("datasets/r1/manifest.json", back);
    assertThat(Files.readString(back)).isEqualTo("second");
    store.getFile("datasets/r1/manifest.json", back); // over an existing file
    assertThat(Files.readString(back)).isEqualTo("second");

    Path before = Files.createDirectories(work.resolve("before"));
    write(before.resolve("config.json"), "{}");
    write(before.resolve("old.bin"), "old");
    store.putFolder(before, "models/r1/epoch-1");
    Path after = Files.createDirectories(work.resolve("after"));
    write(after.resolve("config.json"), "{\"hidden_size\":384}");
    write(after.resolve("1_Pooling/config.json"), "{}");
    store.putFolder(after, "models/r1/epoch-1");

    assertThat(store.list("models/r1/epoch-1"))
        .containsExactly(
            "models/r1/epoch-1/1_Pooling/config.json", "models/r1/epoch-1/config.json");
    Path fetched = Files.createDirectories(work.resolve("fetched"));
    store.getFolder("models/r1/epoch-1", fetched);
    assertThat(tree(fetched)).isEqualTo(tree(after));
  }

  @Test
  void whatIsNotThereIsNoSuchFile() {
    ArtifactStore store = store();
    assertThatThrownBy(() -> store.getFile("datasets/r1/triplets.jsonl", work.resolve("x")))
        .isInstanceOf(UncheckedIOException.class)
        .hasCauseInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> store.getFolder("models/r1/epoch-1", work))
        .isInstanceOf(UncheckedIOException.class)
        .hasCauseInstanceOf(NoSuchFileException.class);
    assertThat(Files.exists(work.resolve("x"))).isFalse();
  }

  /** A sentence-transformers export: configs, a tokenizer, a pooling module, binary weights. */
  static Path sentenceTransformersFolder(Path folder) throws IOException {
    write(folder.resolve("config.json"), "{\"model_type\":\"bert\",\"hidden_size\":384}");
    write(
        folder.resolve("modules.json"),
        "[{\"idx\":0,\"name\":\"0\",\"path\":\"\",\"type\":\"sentence_transformers.models.Transformer\"},"
            + "{\"idx\":1,\"name\":\"1\",\"path\":\"1_Pooling\",\"type\":\"sentence_transformers.models.Pooling\"}]");
    write(folder.resolve("tokenizer.json"), "{\"version\":\"1.0\"}");
    write(folder.resolve("1_Pooling/config.json"), "{\"pooling_mode_mean_tokens\":true}");
    byte[] weights = new byte[(2 << 20) + 13];
    new Random(7).nextBytes(weights);
    Files.write(folder.resolve("model.safetensors"), weights);
    return folder;
  }

  static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** JSON lines of triplets, about {@code bytes} long, with some non-ASCII text. */
  static String jsonLines(int bytes) {
    StringBuilder out = new StringBuilder(bytes + 200);
    Random random = new Random(42);
    for (int i = 0; out.length() < bytes; i++) {
      out.append(
          String.format(
              Locale.ROOT,
              "{\"query\":\"q%d cafés\",\"positive\":\"d%d\",\"negative\":\"d%d\",\"margin\":%.6f}%n",
              i,
              random.nextInt(100_000),
              random.nextInt(100_000),
              random.nextDouble()));
    }
    return out.toString();
  }

  /** Every file below {@code folder} by relative path, with the SHA-256 of its bytes. */
  static Map<String, String> tree(Path folder) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put(folder.relativize(file).toString(), sha256(file));
      }
    }
    return files;
  }

  static String sha256(Path file) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (InputStream in = Files.newInputStream(file)) {
        in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), digest));
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
