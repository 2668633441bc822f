package dev.finesynth.servicekit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One holder at a time, and the lock is free again once its holder lets go. */
class FolderLockTest {
  @TempDir Path dir;

  @Test
  void aSecondCallerWaitsUntilTheFirstLetsGo() throws Exception {
    Path file = dir.resolve("run/.lock");
    try (FolderLock held = FolderLock.acquire(file)) {
      var other =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return FolderLock.tryAcquire(file, Duration.ofMillis(300));
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      assertThat(other.get()).isEmpty();
    }
    var after =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return FolderLock.tryAcquire(file, Duration.ofMillis(300));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    var lock = after.get();
    assertThat(lock).isPresent();
    lock.get().close();
  }
}
