package dev.finesynth.servicekit;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Processing of a batch run by run. When a stage cannot process some records the whole batch goes
 * to the dead-letter topic, and the runs those records belong to can never complete; each such run
 * is failed with the reason (a {@code FAILED} run event) rather than left waiting for ever.
 */
public final class RunBatches {
  private RunBatches() {}

  /** A stage's work on one run's records of a batch. */
  @FunctionalInterface
  public interface RunWork<T> {
    void process(String runId, List<T> records) throws Exception;
  }

  /**
   * Runs {@code work} on each run's records. A run whose work throws is failed and the others are
   * still processed; then the first failure is rethrown (later ones suppressed), so the connector
   * dead-letters the batch.
   *
   * @param step what the work does, for the reason: "scoring"
   * @param records what the records are, for the reason: "relations"
   */
  public static <T> void eachRun(
      Map<String, List<T>> byRun,
      RunEventPublisher events,
      String step,
      String records,
      RunWork<T> work)
      throws Exception {
    Exception first = null;
    for (var entry : byRun.entrySet()) {
      try {
        work.process(entry.getKey(), entry.getValue());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // shutting down: not the run's fault
        throw e;
      } catch (Exception e) {
        fail(events, entry.getKey(), step, records, e);
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /**
   * All of {@code sends}; when one fails, every run of {@code runIds} is failed with its reason.
   */
  public static CompletableFuture<Void> allSent(
      List<CompletableFuture<Void>> sends,
      Collection<String> runIds,
      RunEventPublisher events,
      String step,
      String records) {
    return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
        .whenComplete(
            (done, failure) -> {
              if (failure != null) {
                runIds.forEach(runId -> fail(events, runId, step, records, failure));
              }
            });
  }

  private static void fail(
      RunEventPublisher events, String runId, String step, String records, Throwable cause) {
    Throwable reason =
        cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
    events.failed(
        runId,
        step + " failed; the run's " + records + " went to the dead-letter topic: " + reason,
        cause);
  }
}
