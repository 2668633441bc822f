package dev.finesynth.encoders.hub;

import dev.finesynth.contracts.paths.PathSegments;
import dev.finesynth.contracts.paths.UnsafePathException;
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
 *
 * <p>Every name in those paths comes from a user or from the hub, so each is checked with {@link
 * PathSegments} (a commit must be 40 hex digits) and no path may leave the repository's folder: a
 * hub that lists {@code ../../x}, or a revision {@code ../../x}, is refused, not followed.
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

  /** {@code models--org--name}; {@code org} and {@code name} must each be a segment. */
  public Path repoFolder(String repo) {
    int slash = repo.indexOf('/');
    if (slash < 0 || repo.indexOf('/', slash + 1) >= 0 || repo.contains("--")) {
      throw new UnsafePathException("repo", "'" + repo + "' is not <org>/<name>");
    }
    PathSegments.require("repo", repo.substring(0, slash));
    PathSegments.require("repo", repo.substring(slash + 1));
    return PathSegments.inside(root, "repo", root.resolve("models--" + repo.replace("/", "--")));
  }

  public Path blob(String repo, String etag) {
    return PathSegments.child(repoFolder(repo).resolve("blobs"), "etag", etag);
  }

  public Path snapshot(String repo, String commit) {
    return repoFolder(repo).resolve("snapshots").resolve(requireCommit(commit));
  }

  /**
   * {@code revision}, if it is a branch, tag or commit name made of segments joined by '/' (as
   * {@code refs/pr/3} is); it names a file under {@code refs/}, never a path out of it.
   */
  public static String requireRevision(String revision) {
    Optional<String> problem = PathSegments.relativeProblem(revision);
    if (problem.isPresent()) {
      throw new UnsafePathException("revision", problem.get());
    }
    return revision;
  }

  /** {@code commit}, if it is 40 hex digits: the name of a snapshot folder, never a path. */
  static String requireCommit(String commit) {
    if (commit == null || !isCommit(commit)) {
      throw new UnsafePathException(
          "commit", "'" + commit + "' is not a commit id (40 hexadecimal digits)");
    }
    return commit;
  }

  /** The commit a revision points to in the cache: itself if it is one, else its ref file. */
  public Optional<String> commitOf(String repo, String revision) {
    if (isCommit(revision)) {
      return Optional.of(revision);
    }
    Path ref = refFile(repo, revision);
    try {
      if (!Files.isRegularFile(ref)) {
        return Optional.empty();
      }
      String commit = Files.readString(ref).trim();
      if (!isCommit(commit)) {
        throw new HubException(
            "the cache's ref file " + ref + " holds no commit id; delete it to download again");
      }
      return Optional.of(commit);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + ref, e);
    }
  }

  /** Records that {@code revision} (a branch or tag, not a commit) points to {@code commit}. */
  public void writeRef(String repo, String revision, String commit) {
    if (revision.equals(commit)) {
      return;
    }
    requireCommit(commit);
    Path ref = refFile(repo, revision);
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
    Path target = PathSegments.relative(snapshot(repo, commit), "file", path);
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

  /** {@code refs/<revision>}; a revision such as {@code refs/pr/3} makes nested folders. */
  private Path refFile(String repo, String revision) {
    return PathSegments.relative(repoFolder(repo).resolve("refs"), "revision", revision);
  }
}
