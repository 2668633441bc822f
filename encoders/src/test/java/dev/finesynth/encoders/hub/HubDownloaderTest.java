package dev.finesynth.encoders.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubDownloaderTest {
  private static final String REPO = "acme/tiny-encoder";

  @TempDir Path cacheDir;
  private FakeHub hub;
  private byte[] weights;
  private String commit;

  @BeforeEach
  void start() throws IOException {
    hub = new FakeHub();
    weights = new byte[100_000];
    new Random(7).nextBytes(weights);
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("config.json", utf8("{\"model_type\":\"bert\"}"));
    files.put("tokenizer.json", utf8("{\"version\":\"1.0\"}"));
    files.put("modules.json", utf8("[]"));
    files.put("1_Pooling/config.json", utf8("{\"pooling_mode_mean_tokens\":true}"));
    files.put("2_Dense/config.json", utf8("{\"in_features\":4}"));
    files.put("2_Dense/model.safetensors", Arrays.copyOf(weights, 1000));
    files.put("model.safetensors", weights);
    files.put("pytorch_model.bin", utf8("pickle"));
    files.put("onnx/model.onnx", utf8("onnx"));
    files.put("README.md", utf8("# readme"));
    commit = hub.commit(REPO, "main", files);
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  private HubDownloader downloader(String token, boolean offline) {
    return new HubDownloader(new HubSettings(hub.endpoint(), cacheDir, token, offline));
  }

  @Test
  void downloadsOnlyModelFilesVerifiedIntoTheHubCacheLayout() throws IOException {
    Path snapshot = downloader(null, false).download(REPO, null);

    Path repoDir = cacheDir.resolve("models--acme--tiny-encoder");
    assertThat(snapshot).isEqualTo(repoDir.resolve("snapshots").resolve(commit));
    assertThat(Files.readAllBytes(snapshot.resolve("model.safetensors"))).isEqualTo(weights);
    assertThat(snapshot.resolve("1_Pooling/config.json")).content().contains("mean");
    assertThat(snapshot.resolve("2_Dense/model.safetensors")).hasSize(1000);
    assertThat(Files.isSymbolicLink(snapshot.resolve("model.safetensors"))).isTrue();
    assertThat(repoDir.resolve("blobs").resolve(FakeHub.sha256(weights))).exists();
    assertThat(repoDir.resolve("refs/main")).hasContent(commit);
    assertThat(snapshot.resolve("README.md")).doesNotExist();
    assertThat(snapshot.resolve("onnx")).doesNotExist();
    assertThat(snapshot.resolve("pytorch_model.bin")).doesNotExist();
    try (Stream<Path> blobs = Files.list(repoDir.resolve("blobs"))) {
      assertThat(blobs).noneMatch(p -> p.toString().endsWith(".incomplete"));
    }
  }

  @Test
  void resumesAPartialDownloadWithARangeRequest() throws IOException {
    Path blobs = cacheDir.resolve("models--acme--tiny-encoder/blobs");
    Files.createDirectories(blobs);
    Files.write(
        blobs.resolve(FakeHub.sha256(weights) + ".incomplete"), Arrays.copyOf(weights, 40_000));

    Path snapshot = downloader(null, false).download(REPO, "main");

    assertThat(Files.readAllBytes(snapshot.resolve("model.safetensors"))).isEqualTo(weights);
    assertThat(hub.requests("storage"))
        .anyMatch(
            r -> "bytes=40000-".equals(r.range()) && r.path().contains(FakeHub.sha256(weights)));
  }

  @Test
  void startsOverWhenTheServerIgnoresTheRange() throws IOException {
    hub.ignoreRange = true;
    Path blobs = cacheDir.resolve("models--acme--tiny-encoder/blobs");
    Files.createDirectories(blobs);
    Files.write(blobs.resolve(FakeHub.sha256(weights) + ".incomplete"), new byte[40_000]);

    Path snapshot = downloader(null, false).download(REPO, "main");

    assertThat(Files.readAllBytes(snapshot.resolve("model.safetensors"))).isEqualTo(weights);
  }

  @Test
  void rejectsADownloadWhoseSha256DoesNotMatch() throws IOException {
    hub.lieAboutSha = true;

    assertThatThrownBy(() -> downloader(null, false).download(REPO, "main"))
        .isInstanceOf(HubException.class)
        .hasMessageContaining("corrupt")
        .hasMessageContaining("sha256");

    Path repoDir = cacheDir.resolve("models--acme--tiny-encoder");
    try (Stream<Path> blobs = Files.list(repoDir.resolve("blobs"))) {
      assertThat(blobs).allMatch(p -> p.toFile().length() < 1000); // only the small text files
    }
    assertThat(repoDir.resolve("refs/main")).doesNotExist();
    assertThat(downloader(null, true).cached(REPO, "main")).isEmpty();
  }

  @Test
  void servesFromTheCacheWithoutTheNetwork() {
    Path first = downloader(null, false).download(REPO, "main");
    hub.stop();

    assertThat(downloader(null, false).download(REPO, "main")).isEqualTo(first);
    assertThat(downloader(null, true).download(REPO, "main")).isEqualTo(first);
    assertThat(downloader(null, false).download(REPO, commit)).isEqualTo(first);
    assertThatThrownBy(() -> downloader(null, true).download("acme/other", "main"))
        .hasMessageContaining("HF_HUB_OFFLINE")
        .hasMessageContaining("acme/other");
  }

  @Test
  void offlineModeMakesNoRequests() {
    downloader(null, false).download(REPO, "main");
    int before = hub.requests.size();
    downloader(null, true).download(REPO, "main");
    assertThat(hub.requests).hasSize(before);
  }

  @Test
  void sendsTheTokenToTheHubButNotToTheStorage() {
    hub.requiredToken = "hf_secret";

    assertThatThrownBy(() -> downloader(null, false).download(REPO, "main"))
        .hasMessageContaining("HF_TOKEN")
        .hasMessageContaining("401");
    downloader("hf_secret", false).download(REPO, "main");

    assertThat(hub.requests("hub"))
        .last()
        .extracting(FakeHub.Request::authorization)
        .isEqualTo("Bearer hf_secret");
    assertThat(hub.requests("storage")).isNotEmpty().allMatch(r -> r.authorization() == null);
  }

  @Test
  void pinsRevisions() throws IOException {
    Map<String, byte[]> v1 = new LinkedHashMap<>();
    v1.put("config.json", utf8("{\"v\":1}"));
    v1.put("model.safetensors", Arrays.copyOf(weights, 500));
    String v1Commit = hub.commit(REPO, "v1", v1);

    Path pinned = downloader(null, false).download(REPO, "v1");
    Path main = downloader(null, false).download(REPO, "main");
    Path byCommit = downloader(null, false).download(REPO, v1Commit);

    assertThat(pinned.getFileName()).hasToString(v1Commit);
    assertThat(pinned.resolve("config.json")).hasContent("{\"v\":1}");
    assertThat(pinned.resolve("model.safetensors")).hasSize(500);
    assertThat(main.resolve("config.json")).content().contains("bert");
    assertThat(byCommit).isEqualTo(pinned);
    assertThat(cacheDir.resolve("models--acme--tiny-encoder/refs/v1")).hasContent(v1Commit);
  }

  @Test
  void namesTheRevisionOrRepositoryThatIsMissing() {
    assertThatThrownBy(() -> downloader(null, false).download(REPO, "v9"))
        .hasMessageContaining("revision 'v9'")
        .hasMessageContaining(REPO);
    assertThatThrownBy(() -> downloader(null, false).download("acme/nothing", "main"))
        .hasMessageContaining("acme/nothing");
  }

  @Test
  void namesTheEndpointItCannotReach() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    HubDownloader downloader = new HubDownloader(new HubSettings(endpoint, cacheDir, null, false));

    assertThatThrownBy(() -> downloader.download(REPO, "main"))
        .isInstanceOf(HubException.Unreachable.class)
        .hasMessageContaining(endpoint + "/api/models/" + REPO)
        .hasMessageContaining("HF_HUB_OFFLINE");
  }

  @Test
  void refusesPickleOnlyRepositories() {
    hub.commit(
        "acme/old", "main", Map.of("config.json", utf8("{}"), "pytorch_model.bin", utf8("x")));

    assertThatThrownBy(() -> downloader(null, false).download("acme/old", "main"))
        .hasMessageContaining("pytorch_model.bin")
        .hasMessageContaining("only safetensors is supported");
  }

  @Test
  void selectsShardsAndPutsWeightsLast() {
    List<String> selected =
        HubDownloader.selectModelFiles(
            REPO,
            List.of(
                "model-00002-of-00002.safetensors",
                "model.safetensors.index.json",
                "model-00001-of-00002.safetensors",
                "config.json",
                "vocab.txt",
                "flax_model.msgpack"));
    assertThat(selected)
        .containsExactly(
            "config.json",
            "vocab.txt",
            "model.safetensors.index.json",
            "model-00001-of-00002.safetensors",
            "model-00002-of-00002.safetensors");
  }

  @Test
  void readsSettingsLikeHuggingfaceHub() {
    Map<String, String> env =
        Map.of(
            "HF_HOME", "/data/hf", "HF_ENDPOINT", "https://mirror.example/", "HF_HUB_OFFLINE", "1");
    HubSettings settings = HubSettings.from(env::get);
    assertThat(settings.endpoint()).hasToString("https://mirror.example");
    assertThat(settings.hubCache()).isEqualTo(Path.of("/data/hf/hub"));
    assertThat(settings.offline()).isTrue();
    assertThat(settings.token()).isNull();

    HubSettings defaults = HubSettings.from(name -> null);
    assertThat(defaults.endpoint()).hasToString(HubSettings.DEFAULT_ENDPOINT);
    assertThat(defaults.hubCache())
        .isEqualTo(Path.of(System.getProperty("user.home"), ".cache/huggingface/hub"));
    assertThat(defaults.offline()).isFalse();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
