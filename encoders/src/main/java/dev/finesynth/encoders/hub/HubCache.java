package dev.finesynth.encoders.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The on-disk cache, laid out as {@code huggingface_hub} lays it out so that both share files:
 * {@code models--org--name/blobs/<etag>}, {@code snapshots/<commit>/<path>} (relative symbolic
 * links to the blobs) and {@code refs/<revision>} (a file holding the commit).
 */
public final class HubCache {
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
  private final Path root;

  public HubCache(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  public static boolean isCommit(String revision) {
    return COMMIT.matcher(revision).matches();
  }

  public Path repoFolder(String repo) {
    return root.resolve("models--" + repo.replace("/", "--"));
  }

  public Path blob(String repo, String etag) {
    return repoFolder(repo).resolve("blobs").resolve(etag);
  }

  public Path snapshot(String repo, String commit) {
    return repoFolder(repo).resolve("snapshots").resolve(commit);
  }

  /** The commit a revision points to in the cache: itself if it is one, else its ref file. */
  public Optional<String> commitOf(String repo, String revision) {
    if (isCommit(revision)) {
      return Optional.of(revision);
    }
    Path ref = repoFolder(repo).resolve("refs").resolve(revision);
    try {
      return Files.isRegularFile(ref)
          ? Optional.of(Files.readString(ref).trim())
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + ref, e);
    }
  }

  /** Records that {@code revision} (a branch or tag, not a commit) points to {@code commit}. */
  public void writeRef(String repo, String revision, String commit) {
    if (revision.equals(commit)) {
      return;
    }
    Path ref = repoFolder(repo).resolve("refs").resolve(revision);
    try {
      Files.createDirectories(ref.getParent());
      Path tmp = ref.resolveSibling(ref.getFileName() + "." + System.nanoTime() + ".tmp");
      Files.writeString(tmp, commit);
      Files.move(tmp, ref, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + ref, e);
    }
  }

  /**
   * Makes {@code snapshots/<commit>/<path>} point at {@code blob}: a relative symbolic link, or a
   * copy where the file system has no links.
   */
  public Path link(String repo, String commit, String path, Path blob) {
    Path target = snapshot(repo, commit).resolve(path);
    try {
      Files.createDirectories(target.getParent());
      Files.deleteIfExists(target);
      try {
        Files.createSymbolicLink(target, target.getParent().relativize(blob));
      } catch (UnsupportedOperationException | FileSystemException e) {
        Files.copy(blob, target);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot link " + target + " to " + blob, e);
    }
  }
}
