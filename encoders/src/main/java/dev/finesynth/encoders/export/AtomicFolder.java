package dev.finesynth.encoders.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Writes a folder so that readers see either the old folder or the complete new one: the content is
 * written into a hidden sibling, then renamed into place. A folder that already exists is first
 * renamed to a hidden backup and deleted after the swap; if the process dies between the two
 * renames, {@link #existing(Path)} finds the backup.
 */
public final class AtomicFolder {

  /** Writes the content of a folder. */
  @FunctionalInterface
  public interface Content {
    void writeTo(Path folder) throws IOException;
  }

  private AtomicFolder() {}

  /** Writes {@code target} with {@code content}, replacing what was there. */
  public static void write(Path target, Content content) {
    Path folder = target.toAbsolutePath().normalize();
    Path parent = folder.getParent();
    String name = folder.getFileName().toString();
    Path tmp = parent.resolve("." + name + ".tmp-" + System.nanoTime());
    Path backup = backupOf(folder);
    try {
      Files.createDirectories(parent);
      Files.createDirectory(tmp);
      try {
        content.writeTo(tmp);
        if (Files.exists(folder)) {
          deleteRecursively(backup);
          move(folder, backup);
        }
        move(tmp, folder);
        deleteRecursively(backup);
      } finally {
        deleteRecursively(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + folder, e);
    }
  }

  /**
   * {@code target} if it exists, else the backup left by a write that died between its two renames,
   * else {@code target} (which does not exist).
   */
  public static Path existing(Path target) {
    Path folder = target.toAbsolutePath().normalize();
    if (Files.isDirectory(folder)) {
      return folder;
    }
    Path backup = backupOf(folder);
    return Files.isDirectory(backup) ? backup : folder;
  }

  private static Path backupOf(Path folder) {
    return folder.resolveSibling("." + folder.getFileName() + ".old");
  }

  private static void move(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target);
    }
  }

  static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    Files.walkFileTree(
        path,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
