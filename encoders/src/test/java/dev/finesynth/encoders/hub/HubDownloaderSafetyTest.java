package dev.finesynth.encoders.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finesynth.contracts.paths.UnsafePathException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub that lies or attacks: file names, revisions, commits and ETags that are paths out of the
 * cache, files over the size limit, and bodies longer than the hub said. Each is refused with a
 * message that says what was wrong, and nothing is written outside the cache.
 */
class HubDownloaderSafetyTest {
  private static final String REPO = "acme/tiny-encoder";

  @TempDir Path tmp;
  private Path cacheDir;
  private FakeHub hub;
  private byte[] weights;
  private Map<String, byte[]> files;

  @BeforeEach
  void start() throws IOException {
    cacheDir = Files.createDirectories(tmp.resolve("cache"));
    hub = new FakeHub();
    weights = new byte[100_000];
    new Random(7).nextBytes(weights);
    files = new LinkedHashMap<>();
    files.put("config.json", utf8("{\"model_type\":\"bert\"}"));
    files.put("tokenizer.json", utf8("{\"version\":\"1.0\"}"));
    files.put("model.safetensors", weights);
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  private HubDownloader downloader() {
    return downloader(HubSettings.DEFAULT_MAX_FILE_BYTES);
  }

  private HubDownloader downloader(long maxFileBytes) {
    return new HubDownloader(new HubSettings(hub.endpoint(), cacheDir, null, false, maxFileBytes));
  }

  @Test
  void aListingWithAFileOutOfTheRepositoryIsRefused() throws IOException {
    for (String evil :
        List.of(
            "2_Dense/../../../../../escaped/config.json",
            "../../../../escaped",
            "/tmp/escaped/config.json")) {
      Map<String, byte[]> withEvil = new LinkedHashMap<>(files);
      withEvil.put(evil, utf8("{\"in_features\":4}"));
      hub.commit(REPO, "main", withEvil);

      assertThatThrownBy(() -> downloader().download(REPO, "main"))
          .as(evil)
          .isInstanceOf(HubException.class)
          .hasMessageContaining("lists a file '" + evil + "'")
          .hasMessageContaining("leads out of the repository's folder");
    }
    assertThat(tmp.resolve("escaped")).doesNotExist();
    assertThat(hub.requests("storage")).isEmpty(); // refused before anything was fetched
    assertThat(filesUnder(cacheDir)).isEmpty();
  }

  @Test
  void namesThatAreNoModelFilesAreIgnoredNotFollowed() {
    files.put(".gitattributes", utf8("*.safetensors filter=lfs"));
    files.put("notes on training.md", utf8("# notes"));
    files.put("3_Dense/sub/../config.json", utf8("{}")); // stays inside, but is no plain path
    hub.commit(REPO, "main", files);

    Path snapshot = downloader().download(REPO, "main");

    assertThat(snapshot.resolve("model.safetensors")).exists();
    assertThat(snapshot.resolve(".gitattributes")).doesNotExist();
    assertThat(snapshot.resolve("3_Dense")).doesNotExist();
  }

  @Test
  void selectionSkipsDenseFilesInNestedOrTraversingFolders() {
    assertThat(
            HubDownloader.selectModelFiles(
                REPO,
                List.of(
                    "config.json",
                    "model.safetensors",
                    "2_Dense/config.json",
                    "2_Dense/model.safetensors",
                    "4_Dense/a/b/config.json")))
        .containsExactly(
            "2_Dense/config.json", "config.json", "2_Dense/model.safetensors", "model.safetensors");
  }

  @Test
  void aRevisionThatIsAPathIsRefusedBeforeAnyRequest() {
    hub.commit(REPO, "../../../escaped", files);

    for (String revision : List.of("../../../escaped", "refs/../../../x", "/abs", "a//b")) {
      assertThatThrownBy(() -> downloader().download(REPO, revision))
          .as(revision)
          .isInstanceOf(UnsafePathException.class)
          .hasMessageStartingWith("revision: ");
      assertThatThrownBy(() -> downloader().cached(REPO, revision))
          .isInstanceOf(UnsafePathException.class);
    }
    assertThat(hub.requests).isEmpty();
    assertThat(tmp.resolve("escaped")).doesNotExist();
  }

  @Test
  void aRevisionLikeRefsPrIsStoredInNestedRefFolders() {
    String commit = hub.commit(REPO, "refs/pr/3", files);

    downloader().download(REPO, "refs/pr/3");

    assertThat(cacheDir.resolve("models--acme--tiny-encoder/refs/refs/pr/3")).hasContent(commit);
  }

  @Test
  void aRepositoryNameThatIsAPathIsRefused() {
    for (String repo : List.of("acme/..", "../x", "acme/.hidden", "a/b/c", "acme")) {
      assertThatThrownBy(() -> downloader().download(repo, "main"))
          .as(repo)
          .isInstanceOf(UnsafePathException.class)
          .hasMessageStartingWith("repo: ");
    }
  }

  @Test
  void aCommitOrETagFromTheHubThatIsAPathIsRefused() {
    hub.commit(REPO, "main", files);

    hub.claimedCommit = "../../../escaped";
    assertThatThrownBy(() -> downloader().download(REPO, "main"))
        .isInstanceOf(HubException.class)
        .hasMessageContaining("names the commit '../../../escaped', not a commit id");

    hub.claimedCommit = null;
    hub.claimedEtag = "../../../../escaped";
    assertThatThrownBy(() -> downloader().download(REPO, "main"))
        .isInstanceOf(HubException.class)
        .hasMessageContaining("by the ETag '../../../../escaped'")
        .hasMessageContaining("etag: starts with '.'");
    assertThat(tmp.resolve("escaped")).doesNotExist();
  }

  @Test
  void aFileOverTheLimitIsNotDownloaded() throws IOException {
    hub.commit(REPO, "main", files);

    assertThatThrownBy(() -> downloader(50_000).download(REPO, "main"))
        .isInstanceOf(HubException.class)
        .hasMessageContaining("'model.safetensors' in '" + REPO + "' is 100000 bytes")
        .hasMessageContaining("over the limit of 50000 bytes")
        .hasMessageContaining(HubSettings.MAX_FILE_BYTES);
    assertThat(hub.requests("storage")).isEmpty();
    assertThat(blobNamed(FakeHub.sha256(weights))).isFalse();
    assertThat(downloader().cached(REPO, "main")).isEmpty();

    assertThat(downloader(100_000).download(REPO, "main").resolve("model.safetensors"))
        .hasSize(100_000); // exactly at the limit is allowed
  }

  @Test
  void aContentLengthThatDisagreesWithTheHubIsRefusedBeforeWriting() throws IOException {
    hub.commit(REPO, "main", files);
    hub.storagePadding = 10;

    assertThatThrownBy(() -> downloader().download(REPO, "main"))
        .isInstanceOf(HubException.class)
        .hasMessageContaining("announces 100010 bytes (Content-Length) where 100000 are due")
        .hasMessageContaining("nothing was written");
    assertThat(blobNamed(FakeHub.sha256(weights))).isFalse();
    assertThat(filesUnder(cacheDir)).noneMatch(p -> p.toString().endsWith(".incomplete"));
  }

  @Test
  void aBodyLongerThanTheHubSaidIsCutAndRefused() throws IOException {
    hub.commit(REPO, "main", files);
    hub.storagePadding = 1_000_000;
    hub.storageChunked = true; // no Content-Length to refuse up front

    assertThatThrownBy(() -> downloader().download(REPO, "main"))
        .isInstanceOf(HubException.class)
        .hasMessageContaining("holds more than the 100000 bytes the hub's metadata gives it")
        .hasMessageContaining("the partial file was removed");
    assertThat(filesUnder(cacheDir)).noneMatch(p -> p.toString().endsWith(".incomplete"));
    assertThat(blobNamed(FakeHub.sha256(weights))).isFalse();

    hub.storagePadding = 0;
    assertThat(downloader().download(REPO, "main").resolve("model.safetensors"))
        .hasSize(100_000); // a chunked body of the right length is fine
  }

  @Test
  void theLimitIsASetting() {
    assertThat(HubSettings.from(name -> null).maxFileBytes())
        .isEqualTo(HubSettings.DEFAULT_MAX_FILE_BYTES)
        .isEqualTo(5L << 30);
    assertThat(HubSettings.from(Map.of(HubSettings.MAX_FILE_BYTES, "1048576")::get).maxFileBytes())
        .isEqualTo(1 << 20);
    assertThatThrownBy(() -> HubSettings.from(Map.of(HubSettings.MAX_FILE_BYTES, "2G")::get))
        .hasMessageContaining(HubSettings.MAX_FILE_BYTES + " is '2G', must be a number of bytes");
    assertThatThrownBy(() -> HubSettings.from(Map.of(HubSettings.MAX_FILE_BYTES, "0")::get))
        .hasMessageContaining("must be a positive number of bytes");
  }

  private boolean blobNamed(String name) throws IOException {
    return filesUnder(cacheDir).stream().anyMatch(p -> p.getFileName().toString().equals(name));
  }

  private static List<Path> filesUnder(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(Files::isRegularFile).toList();
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
