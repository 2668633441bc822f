package dev.finesynth.encoders.hub;

import dev.finesynth.contracts.paths.PathSegments;
import dev.finesynth.contracts.paths.UnsafePathException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the files a model needs from the hub into the shared cache and returns the snapshot
 * folder that holds them. Downloads are verified (sha256 for large files, size for the others) and
 * resumable; with {@code HF_HUB_OFFLINE}, or when the endpoint cannot be reached, the cache is
 * used. A file larger than {@link HubSettings#maxFileBytes} is not downloaded, and a repository
 * that lists a file whose path leads out of its folder ({@code ../x}, {@code /x}) is refused.
 */
public final class HubDownloader {
  private static final Logger LOG = LoggerFactory.getLogger(HubDownloader.class);

  /** Top-level files a model needs besides its weights, when the repository has them. */
  static final Set<String> MODEL_FILES =
      Set.of(
          "config.json",
          "tokenizer.json",
          "tokenizer_config.json",
          "special_tokens_map.json",
          "added_tokens.json",
          "vocab.txt",
          "vocab.json",
          "merges.txt",
          "sentencepiece.bpe.model",
          "spiece.model",
          "tokenizer.model",
          "modules.json",
          "config_sentence_transformers.json",
          "sentence_bert_config.json");

  private static final Pattern POOLING_CONFIG = Pattern.compile("\\d+_Pooling/config\\.json");
  private static final Pattern DENSE_FILE = Pattern.compile("(\\d+_Dense)/[^/]+");
  private static final Pattern SHARD = Pattern.compile("model-\\d+-of-\\d+\\.safetensors");

  private final HubSettings settings;
  private final HubClient client;
  private final HubCache cache;

  public HubDownloader(HubSettings settings) {
    this(settings, new HubClient(settings));
  }

  public HubDownloader(HubSettings settings, HubClient client) {
    this.settings = settings;
    this.client = client;
    this.cache = new HubCache(settings.hubCache());
  }

  public static HubDownloader fromEnvironment() {
    return new HubDownloader(HubSettings.fromEnvironment());
  }

  public HubCache cache() {
    return cache;
  }

  /**
   * The snapshot folder of {@code repo} at {@code revision} (a branch, tag or commit; null means
   * {@code main}) holding the model's files, downloading what the cache lacks.
   */
  public Path download(String repo, String revision) {
    String rev = HubCache.requireRevision(revision == null ? "main" : revision);
    cache.repoFolder(repo); // a name that is no folder name fails here, before any request
    if (settings.offline()) {
      return cached(repo, rev)
          .orElseThrow(
              () ->
                  new HubException(
                      "HF_HUB_OFFLINE is set and "
                          + repo
                          + "@"
                          + rev
                          + " is not in the cache "
                          + cache.repoFolder(repo)));
    }
    if (HubCache.isCommit(rev)) {
      Optional<Path> pinned = cached(repo, rev);
      if (pinned.isPresent()) {
        return pinned.get(); // a commit never changes: no need to ask
      }
    }
    HubClient.RepoInfo info;
    try {
      info = client.repoInfo(repo, rev);
    } catch (HubException.Unreachable e) {
      Optional<Path> snapshot = cached(repo, rev);
      if (snapshot.isEmpty()) {
        throw e;
      }
      LOG.warn("{}; using the cached snapshot {}", e.getMessage(), snapshot.get());
      return snapshot.get();
    }
    for (String path : selectModelFiles(repo, info.files())) {
      fetch(repo, info.commit(), path);
    }
    cache.writeRef(repo, rev, info.commit());
    return cache.snapshot(repo, info.commit());
  }

  /** The cached snapshot of {@code repo} at {@code revision}, if one was completely downloaded. */
  public Optional<Path> cached(String repo, String revision) {
    return cache
        .commitOf(repo, revision)
        .map(commit -> cache.snapshot(repo, commit))
        .filter(HubDownloader::isComplete);
  }

  /**
   * The files of a repository that loading its model needs, weights last (so that a snapshot with
   * weights was completely downloaded). Fails when the weights are not in safetensors form.
   */
  public static List<String> selectModelFiles(String repo, List<String> files) {
    Set<String> all = new TreeSet<>();
    for (String file : files) {
      if (file == null || file.isEmpty()) {
        continue;
      }
      if (leavesItsFolder(file)) {
        throw new HubException(
            "'"
                + repo
                + "' lists a file '"
                + file
                + "' whose path leads out of the repository's folder; the hub never lists such a"
                + " name, so nothing is downloaded from this answer (check HF_ENDPOINT)");
      }
      if (PathSegments.relativeProblem(file).isEmpty()) {
        all.add(file); // others (.gitattributes, names with spaces) are no model files
      }
    }
    if (!all.contains("config.json")) {
      throw new HubException(
          "'" + repo + "' has no config.json: it is not a transformers model this library loads");
    }
    List<String> selected = new ArrayList<>();
    Set<String> denseDirs = new TreeSet<>();
    for (String file : all) {
      Matcher dense = DENSE_FILE.matcher(file);
      if (dense.matches()) {
        denseDirs.add(dense.group(1) + "/");
      }
      if (MODEL_FILES.contains(file)
          || POOLING_CONFIG.matcher(file).matches()
          || (dense.matches() && file.endsWith("/config.json"))) {
        selected.add(file);
      }
    }
    for (String dir : denseDirs) {
      selected.add(weightsIn(repo, all, dir));
    }
    if (all.contains("model.safetensors") || !all.contains("model.safetensors.index.json")) {
      selected.add(weightsIn(repo, all, ""));
    } else {
      selected.add("model.safetensors.index.json");
      all.stream().filter(f -> SHARD.matcher(f).matches()).forEach(selected::add);
    }
    return List.copyOf(new LinkedHashSet<>(selected));
  }

  private static String weightsIn(String repo, Set<String> all, String dir) {
    String safetensors = dir + "model.safetensors";
    if (all.contains(safetensors)) {
      return safetensors;
    }
    String where = dir.isEmpty() ? "" : " in " + dir;
    if (all.contains(dir + "pytorch_model.bin")
        || all.contains(dir + "pytorch_model.bin.index.json")) {
      throw new HubException(
          "'"
              + repo
              + "' has only PyTorch pickle weights (pytorch_model.bin)"
              + where
              + "; only safetensors is supported. Use a revision that has model.safetensors (the"
              + " hub's conversion bot often offers one as refs/pr/<n>) or convert the weights to"
              + " safetensors");
    }
    throw new HubException("'" + repo + "' has no model.safetensors" + where);
  }

  private static boolean isComplete(Path snapshot) {
    return Files.isRegularFile(snapshot.resolve("config.json"))
        && (Files.isRegularFile(snapshot.resolve("model.safetensors"))
            || Files.isRegularFile(snapshot.resolve("model.safetensors.index.json")));
  }

  /** Whether a listed name, put under a folder, is absolute or normalises to outside it. */
  private static boolean leavesItsFolder(String file) {
    Path folder = Path.of("snapshot");
    try {
      PathSegments.inside(folder, "file", folder.resolve(file));
      return false;
    } catch (UnsafePathException | InvalidPathException e) {
      return true;
    }
  }

  private void fetch(String repo, String commit, String path) {
    HubClient.FileMetadata meta = client.fileMetadata(repo, commit, path);
    if (meta.size() > settings.maxFileBytes()) {
      throw new HubException(
          "'"
              + path
              + "' in '"
              + repo
              + "' is "
              + meta.size()
              + " bytes, over the limit of "
              + settings.maxFileBytes()
              + " bytes for one file; set "
              + HubSettings.MAX_FILE_BYTES
              + " higher to download it");
    }
    if (meta.commit() != null && !meta.commit().equals(commit)) {
      throw new HubException(
          "asked for '"
              + path
              + "' of "
              + repo
              + " at commit "
              + commit
              + " but the hub answered for commit "
              + meta.commit());
    }
    Path blob;
    try {
      blob = cache.blob(repo, meta.etag());
    } catch (UnsafePathException e) {
      throw new HubException(
          "the hub names the content of '"
              + path
              + "' in '"
              + repo
              + "' by the ETag '"
              + meta.etag()
              + "', which cannot name a file of the cache ("
              + e.getMessage()
              + ")");
    }
    if (!Files.isRegularFile(blob)) {
      Path partial = blob.resolveSibling(meta.etag() + ".incomplete");
      try {
        Files.createDirectories(blob.getParent());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the cache folder " + blob.getParent(), e);
      }
      LOG.info("downloading {}/{} ({} bytes)", repo, path, meta.size());
      client.download(meta, partial);
      verify(meta, partial);
      move(partial, blob);
    }
    cache.link(repo, commit, path, blob);
  }

  private static void verify(HubClient.FileMetadata meta, Path partial) {
    try {
      long size = Files.size(partial);
      if (meta.size() >= 0 && size != meta.size()) {
        Files.delete(partial);
        throw new HubException(
            "download of "
                + meta.repo()
                + "/"
                + meta.path()
                + " has "
                + size
                + " bytes, expected "
                + meta.size()
                + "; the partial file was removed, run again");
      }
      if (meta.hasSha256()) {
        String actual = sha256(partial);
        if (!actual.equals(meta.etag())) {
          Files.delete(partial);
          throw new HubException(
              "download of "
                  + meta.repo()
                  + "/"
                  + meta.path()
                  + " is corrupt: sha256 "
                  + actual
                  + ", expected "
                  + meta.etag()
                  + "; the partial file was removed, run again");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check the download " + partial, e);
    }
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void move(Path from, Path to) {
    try {
      try {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + from + " to " + to, e);
    }
  }
}
