package dev.finesynth.servicekit.artifacts;

import dev.finesynth.contracts.paths.PathSegments;
import dev.finesynth.encoders.export.AtomicFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Artifacts as files below a root folder, the shared folder ({@code finesynth.shared}): a key is
 * the path below it. A file is copied to a hidden temporary file beside its target and moved into
 * place atomically, so a reader never sees half of one; a folder is replaced as a whole ({@link
 * AtomicFolder}). Hidden files (locks, temporary files) are never listed.
 */
public final class FolderArtifactStore implements ArtifactStore {
  private final Path root;

  public FolderArtifactStore(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  @Override
  public void putFile(Path file, String key) {
    Path target = path(key);
    try {
      Files.createDirectories(target.getParent());
      if (Files.exists(target) && Files.isSameFile(file, target)) {
        return; // the file is already where the key says
      }
      AtomicFiles.copy(file, target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store " + file + " as " + target, e);
    }
  }

  @Override
  public void putFolder(Path folder, String prefix) {
    Path target = path(prefix);
    List<Path> files = files(folder);
    AtomicFolder.write(
        target,
        tmp -> {
          for (Path file : files) {
            Path copy = tmp.resolve(folder.relativize(file));
            Files.createDirectories(copy.getParent());
            Files.copy(file, copy);
          }
        });
  }

  @Override
  public void getFile(String key, Path target) {
    Path source = path(key);
    try {
      if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
        throw new NoSuchFileException(location(key));
      }
      Files.createDirectories(target.toAbsolutePath().getParent());
      AtomicFiles.copy(source, target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot fetch " + source, e);
    }
  }

  @Override
  public boolean exists(String key) {
    return Files.isRegularFile(path(key), LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public List<String> list(String prefix) {
    Path folder = path(prefix);
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files
          .filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
          .map(file -> prefix + "/" + ArtifactKeys.join(folder.relativize(file)))
          .filter(ArtifactKeys::valid) // no hidden files: locks, temporary files
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }

  @Override
  public String location(String key) {
    return path(key).toAbsolutePath().toString();
  }

  @Override
  public Optional<String> key(String location) {
    try {
      Path path = Path.of(location);
      Path base = root.toAbsolutePath().normalize();
      if (!path.isAbsolute() || !path.normalize().startsWith(base)) {
        return Optional.empty();
      }
      String key = ArtifactKeys.join(base.relativize(path.normalize()));
      return ArtifactKeys.valid(key) ? Optional.of(key) : Optional.empty();
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return root.toAbsolutePath().toString();
  }

  /** The regular files below {@code folder}, each checked as part of a key. */
  private static List<Path> files(Path folder) {
    try (Stream<Path> walk = Files.walk(folder)) {
      List<Path> files =
          walk.filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)).toList();
      files.forEach(file -> ArtifactKeys.relative(folder, file));
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the folder " + folder, e);
    }
  }

  private Path path(String key) {
    return PathSegments.relative(root, "key", key);
  }
}
