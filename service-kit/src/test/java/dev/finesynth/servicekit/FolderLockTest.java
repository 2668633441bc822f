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

  /** Tries the lock from another thread, as a second instance would. */
  private static java.util.Optional<FolderLock> tryElsewhere(Path file) throws Exception {
    return CompletableFuture.supplyAsync(
            () -> {
              try {
                return FolderLock.tryAcquire(file, Duration.ofMillis(300));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            })
        .get();
  }

  @Test
  void aSecondCallerWaitsUntilTheFirstLetsGo() throws Exception {
    Path file = dir.resolve("run/.lock");
    try (FolderLock held = FolderLock.acquire(file)) {
      assertThat(tryElsewhere(file)).isEmpty();
    }
    var lock = tryElsewhere(file);
    assertThat(lock).isPresent();
    lock.get().close();
  }
}
