package dev.finesynth.trainer.messaging;

import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.servicekit.CancelledRuns;
import dev.finesynth.servicekit.FinesynthConfig;
import dev.finesynth.servicekit.RunCatalog;
import dev.finesynth.servicekit.RunEventPublisher;
import dev.finesynth.trainer.dataset.DatasetStore;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Looks at every incomplete dataset now and then: completes those whose last rows arrived before
 * their spec, or on two instances at once, and fails a run whose dataset has not grown for {@code
 * finesynth.wait-deadline}: its queries were lost or never sent, and waiting longer would be
 * waiting for ever. One instance fails it (a marker file in the shared folder says which).
 */
@ApplicationScoped
public class DatasetScan {
  static final String STALLED = "stalled";

  @Inject TripletSink sink;
  @Inject DatasetStore store;
  @Inject RunCatalog runs;
  @Inject CancelledRuns cancelled;
  @Inject RunEventPublisher events;
  @Inject FinesynthConfig config;

  private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();

  @Scheduled(every = "${finesynth.trainer.scan-interval:10s}", delayed = "5s")
  void scan() {
    for (RunSpec run : runs.all()) {
      if (!run.synthesizes()
          || store.manifest(run.runId()).isPresent()
          || cancelled.contains(run.runId())) {
        continue;
      }
      if (store.exists(run.runId())) {
        sink.check(run, false);
      }
      if (store.manifest(run.runId()).isEmpty()) {
        failIfStalled(run);
      }
    }
  }

  private void failIfStalled(RunSpec run) {
    Path folder = store.folder(run.runId());
    // the producer's createdAt may be anything: the clock starts when this instance saw the run
    Instant seen = firstSeen.computeIfAbsent(run.runId(), id -> Instant.now());
    Instant last = lastChange(folder, seen);
    Duration idle = Duration.between(last, Instant.now());
    if (idle.compareTo(config.waitDeadline()) < 0 || !claim(folder.resolve(STALLED))) {
      return;
    }
    var dataset = store.dataset(run.runId());
    events.failed(
        run.runId(),
        "the dataset has not grown for "
            + config.waitDeadline()
            + " (finesynth.wait-deadline): it holds "
            + dataset.rows()
            + " of "
            + Math.max(0, run.expectedTriplets() - dataset.missing())
            + " triplets; the run's other queries were lost or never sent");
  }

  /** The newest change under the dataset's folder, or {@code since} when there is none. */
  private static Instant lastChange(Path folder, Instant since) {
    if (!Files.isDirectory(folder)) {
      return since;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files.map(DatasetScan::modified).reduce(since, (a, b) -> a.isAfter(b) ? a : b);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look into " + folder, e);
    }
  }

  private static Instant modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toInstant();
    } catch (IOException gone) {
      return Instant.EPOCH;
    }
  }

  /** Whether this instance is the first to mark the run stalled. */
  private static boolean claim(Path marker) {
    try {
      Files.createDirectories(marker.getParent());
      Files.createFile(marker);
      return true;
    } catch (FileAlreadyExistsException taken) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot mark " + marker, e);
    }
  }
}
