package dev.finesynth.evaluator.evaluation;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.paths.PathSegments;
import dev.finesynth.evaluation.report.Checkpoint;
import dev.finesynth.evaluation.report.RunEvaluation;
import dev.finesynth.evaluation.report.RunReports;
import dev.finesynth.servicekit.FinesynthConfig;
import dev.finesynth.servicekit.FolderLock;
import dev.finesynth.servicekit.artifacts.SharedArtifacts;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Each run's evaluations under {@code <finesynth.shared>/reports/<runId>/}: the checkpoints kept so
 * a restart, or another instance, loses nothing, and the report files (JSON, Markdown table, SVG
 * chart) rewritten after each. With an artifact store beside the shared folder ({@code
 * finesynth.artifacts.store=s3}) the report files go there too, under the same path, each time.
 */
@Singleton
public class ReportStore {
  private static final ObjectMapper JSON = EventCodec.newMapper();
  private static final String CHECKPOINTS = "checkpoints.json";

  private final Path root;
  private final SharedArtifacts artifacts;

  @Inject
  public ReportStore(FinesynthConfig config, SharedArtifacts artifacts) {
    this(config.sharedFolder().resolve("reports"), artifacts);
  }

  /** Reports under {@code root}, one folder per run, copied nowhere. */
  public ReportStore(Path root) {
    this(root, SharedArtifacts.inSharedFolder(root));
  }

  /** Reports under {@code root} (below the shared folder), also put in the artifact store. */
  public ReportStore(Path root, SharedArtifacts artifacts) {
    this.root = root;
    this.artifacts = artifacts;
  }

  /**
   * The run's checkpoints by epoch: one file each, so that instances that evaluate different epochs
   * of one run never overwrite each other (and {@code checkpoints.json} of older reports).
   */
  public synchronized List<Checkpoint> checkpoints(String runId) {
    Map<Integer, Checkpoint> byEpoch = new TreeMap<>();
    Path folder = folder(runId);
    Path legacy = folder.resolve(CHECKPOINTS);
    try {
      if (Files.exists(legacy)) {
        for (Checkpoint c :
            JSON.readValue(legacy.toFile(), new TypeReference<List<Checkpoint>>() {})) {
          byEpoch.put(c.epoch(), c);
        }
      }
      if (Files.isDirectory(folder)) {
        try (var files = Files.list(folder)) {
          for (Path file :
              files
                  .filter(f -> f.getFileName().toString().matches("checkpoint-\\d+\\.json"))
                  .toList()) {
            Checkpoint c = JSON.readValue(file.toFile(), Checkpoint.class);
            byEpoch.put(c.epoch(), c);
          }
        }
      }
      return new ArrayList<>(byEpoch.values());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the checkpoints in " + folder, e);
    }
  }

  public Optional<Checkpoint> checkpoint(String runId, int epoch) {
    return checkpoints(runId).stream().filter(c -> c.epoch() == epoch).findFirst();
  }

  /**
   * Marks the epoch's metrics as not yet sent, before its checkpoint is written: a checkpoint with
   * this mark was written by an instance that died before its metrics went out. (Checkpoints
   * written before the mark existed have none, and their metrics went out with them.)
   */
  public void markUnpublished(String runId, int epoch) {
    try {
      Files.createDirectories(folder(runId));
      Files.writeString(unpublishedMarker(runId, epoch), "");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot mark the metrics of " + runId + " unsent", e);
    }
  }

  /** Whether the epoch's checkpoint was written but its metrics may not have gone out. */
  public boolean unpublished(String runId, int epoch) {
    return Files.exists(unpublishedMarker(runId, epoch));
  }

  /** The epoch's metrics are on the metrics topic, acknowledged by the broker. */
  public void markPublished(String runId, int epoch) {
    try {
      Files.deleteIfExists(unpublishedMarker(runId, epoch));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot mark the metrics of " + runId + " sent", e);
    }
  }

  private Path unpublishedMarker(String runId, int epoch) {
    return folder(runId).resolve(".checkpoint-" + epoch + ".unpublished");
  }

  /** The file whose lock the instance that evaluates the run's epoch holds. */
  public Path lock(String runId, int epoch) {
    return folder(runId).resolve(".epoch-" + epoch + ".lock");
  }

  /** Adds (or replaces) an epoch's checkpoint and rewrites the run's report files. */
  public synchronized RunReports.ReportFiles add(String runId, Checkpoint checkpoint) {
    Path folder = folder(runId);
    try {
      Files.createDirectories(folder);
      String name = "checkpoint-" + checkpoint.epoch() + ".json";
      Path tmp = folder.resolve(name + "." + ProcessHandle.current().pid() + ".tmp");
      JSON.writeValue(tmp.toFile(), checkpoint);
      Files.move(
          tmp,
          folder.resolve(name),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      try (FolderLock lock = FolderLock.acquire(folder.resolve(".report.lock"))) {
        List<Checkpoint> all = checkpoints(runId);
        all.sort(Comparator.comparingInt(Checkpoint::epoch));
        RunReports.ReportFiles files = RunReports.write(new RunEvaluation(runId, all), folder);
        artifacts.publish(files.json());
        artifacts.publish(files.markdown());
        artifacts.publish(files.svg());
        return files;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report of " + runId, e);
    }
  }

  /**
   * The run's folder; a run id is a file name here, never a path: one that is not a {@link
   * PathSegments segment} (a separator, a leading dot...) is refused, not rewritten.
   */
  public Path folder(String runId) {
    return PathSegments.child(root, "runId", runId);
  }
}
