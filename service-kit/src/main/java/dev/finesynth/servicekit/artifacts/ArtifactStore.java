package dev.finesynth.servicekit.artifacts;

import dev.finesynth.contracts.paths.PathSegments;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the finished artifacts of runs live, by key: datasets ({@code datasets/<runId>/...}),
 * models ({@code models/<runId>/epoch-<n>/...}) and reports ({@code reports/<runId>/...}). A key is
 * a relative path of {@link dev.finesynth.contracts.paths.PathSegments segments} joined by {@code
 * /}; one that is not is refused with an {@link dev.finesynth.contracts.paths.UnsafePathException}.
 * A prefix is a key that names a folder: {@code models/r1} holds {@code models/r1/epoch-1/x}, never
 * {@code models/r10/...}.
 *
 * <p>Failures to read or write are {@link java.io.UncheckedIOException}s; a key that holds nothing
 * is one whose cause is a {@link java.nio.file.NoSuchFileException}.
 */
public interface ArtifactStore {
  /** Stores {@code file} under {@code key}, replacing what was there. */
  void putFile(Path file, String key);

  /**
   * Stores every file below {@code folder} (recursively) under {@code prefix/<its relative path>};
   * afterwards the prefix holds exactly those files.
   */
  void putFolder(Path folder, String prefix);

  /** Writes the file of {@code key} to {@code target}, replacing it. */
  void getFile(String key, Path target);

  /**
   * Writes every file under {@code prefix} into {@code folder}, at its path relative to the prefix;
   * returns how many. A prefix that holds no file is a {@link java.nio.file.NoSuchFileException}.
   */
  default int getFolder(String prefix, Path folder) {
    List<String> keys = list(prefix);
    if (keys.isEmpty()) {
      throw new UncheckedIOException(
          "cannot fetch " + location(prefix), new NoSuchFileException(location(prefix)));
    }
    for (String key : keys) {
      // a key another writer put in the store may not leave the folder
      getFile(key, PathSegments.relative(folder, "key", key.substring(prefix.length() + 1)));
    }
    return keys.size();
  }

  /** Whether {@code key} holds a file. */
  boolean exists(String key);

  /** The keys of the files under {@code prefix}, sorted. */
  List<String> list(String prefix);

  /**
   * What other services are told of the artifact at {@code key}: an absolute path for the folder
   * store, {@code s3://<bucket>/<key>} (after the store's key prefix) for S3.
   */
  String location(String key);

  /** The key of a {@link #location} of this store; empty for any other location. */
  Optional<String> key(String location);
}
