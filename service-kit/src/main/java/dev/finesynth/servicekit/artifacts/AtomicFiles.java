package dev.finesynth.servicekit.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file through a hidden temporary file beside it, moved into place at once, so a reader
 * never sees half a file; hidden names are not keys, so no listing shows the temporary one.
 */
final class AtomicFiles {
  private AtomicFiles() {}

  static void write(InputStream content, Path target) throws IOException {
    Path tmp =
        target.resolveSibling(
            "."
                + target.getFileName()
                + ".tmp-"
                + ProcessHandle.current().pid()
                + "-"
                + System.nanoTime());
    try {
      Files.copy(content, tmp);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  static void copy(Path source, Path target) throws IOException {
    try (InputStream in = Files.newInputStream(source)) {
      write(in, target);
    }
  }
}
