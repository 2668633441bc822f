package dev.finesynth.servicekit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * An exclusive lock on a file of the shared folder, held by one thread of one process at a time:
 * how instances of a service that share a folder take turns on a run's dataset, report or training.
 * The operating system releases it when the process dies, so a killed instance never leaves a run
 * locked. Threads of one JVM queue on an in-process permit first, since a JVM holds a file lock
 * once; not reentrant, and it may be released by another thread than the one that took it.
 */
public final class FolderLock implements AutoCloseable {
  private static final Map<Path, Semaphore> LOCAL = new ConcurrentHashMap<>();
  private static final long RETRY_MILLIS = 200;

  private final Semaphore local;
  private final FileChannel channel;
  private final FileLock lock;

  private FolderLock(Semaphore local, FileChannel channel, FileLock lock) {
    this.local = local;
    this.channel = channel;
    this.lock = lock;
  }

  /** Waits as long as it takes for the lock on {@code file}. */
  public static FolderLock acquire(Path file) {
    try {
      return tryAcquire(file, Duration.ofDays(365)).orElseThrow();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + file, e);
    }
  }

  /** The lock on {@code file} if it can be had within {@code timeout}. */
  public static Optional<FolderLock> tryAcquire(Path file, Duration timeout)
      throws InterruptedException {
    Path key = file.toAbsolutePath().normalize();
    Semaphore local = LOCAL.computeIfAbsent(key, k -> new Semaphore(1));
    long deadline = System.nanoTime() + timeout.toNanos();
    if (!local.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      return Optional.empty();
    }
    try {
      Files.createDirectories(key.getParent());
      FileChannel channel =
          FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        while (true) {
          FileLock lock = channel.tryLock();
          if (lock != null) {
            return Optional.of(new FolderLock(local, channel, lock));
          }
          if (System.nanoTime() > deadline) {
            channel.close();
            local.release();
            return Optional.empty();
          }
          Thread.sleep(RETRY_MILLIS);
        }
      } catch (IOException | InterruptedException | RuntimeException e) {
        channel.close(); // the lock was not taken: the caller's catch below lets the local one go
        throw e;
      }
    } catch (IOException e) {
      local.release();
      throw new UncheckedIOException("cannot lock " + key, e);
    } catch (InterruptedException | RuntimeException e) {
      local.release();
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      local.release();
    }
  }
}
