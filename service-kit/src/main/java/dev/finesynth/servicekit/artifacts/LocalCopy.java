package dev.finesynth.servicekit.artifacts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An artifact on this instance's disk, to read: the file or folder where it already was, or a copy
 * fetched from the artifact store into a scratch folder, which {@link #close} deletes.
 *
 * @param path the file or folder to read
 * @param scratch the scratch folder of a fetched copy; null for an artifact that was already here
 */
public record LocalCopy(Path path, Path scratch) implements AutoCloseable {
  /** An artifact that was already here: closing it leaves it. */
  public static LocalCopy at(Path path) {
    return new LocalCopy(path, null);
  }

  public boolean fetched() {
    return scratch != null;
  }

  @Override
  public void close() {
    if (scratch == null || !Files.exists(scratch)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(scratch)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the fetched copy " + scratch, e);
    }
  }
}
