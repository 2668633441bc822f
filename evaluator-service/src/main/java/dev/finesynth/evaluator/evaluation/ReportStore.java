package dev.finesynth.evaluator.evaluation;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.evaluation.report.Checkpoint;
import dev.finesynth.evaluation.report.RunEvaluation;
import dev.finesynth.evaluation.report.RunReports;
import dev.finesynth.servicekit.FinesynthConfig;
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
import java.util.Optional;

/**
 * Each run's evaluations under {@code <finesynth.home>/reports/<runId>/}: the checkpoints kept so a
 * restart loses nothing, and the report files (JSON, Markdown table, SVG chart) rewritten after
 * each.
 */
@Singleton
public class ReportStore {
  private static final ObjectMapper JSON = EventCodec.newMapper();
  private static final String CHECKPOINTS = "checkpoints.json";

  private final Path root;

  @Inject
  public ReportStore(FinesynthConfig config) {
    this(Path.of(config.home()).resolve("reports"));
  }

  /** Reports under {@code root}, one folder per run. */
  public ReportStore(Path root) {
    this.root = root;
  }

  public synchronized List<Checkpoint> checkpoints(String runId) {
    Path file = folder(runId).resolve(CHECKPOINTS);
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      return JSON.readValue(file.toFile(), new TypeReference<List<Checkpoint>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  public Optional<Checkpoint> checkpoint(String runId, int epoch) {
    return checkpoints(runId).stream().filter(c -> c.epoch() == epoch).findFirst();
  }

  /** Adds (or replaces) an epoch's checkpoint and rewrites the run's report files. */
  public synchronized RunReports.ReportFiles add(String runId, Checkpoint checkpoint) {
    List<Checkpoint> all = new ArrayList<>(checkpoints(runId));
    all.removeIf(c -> c.epoch() == checkpoint.epoch());
    all.add(checkpoint);
    all.sort(Comparator.comparingInt(Checkpoint::epoch));
    Path folder = folder(runId);
    try {
      Files.createDirectories(folder);
      Path tmp = folder.resolve(CHECKPOINTS + ".tmp");
      JSON.writeValue(tmp.toFile(), all);
      Files.move(
          tmp,
          folder.resolve(CHECKPOINTS),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      return RunReports.write(new RunEvaluation(runId, all), folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report of " + runId, e);
    }
  }

  /**
   * The run's folder; a run id is a file name here, never a path (no separators, no leading dot).
   */
  public Path folder(String runId) {
    String name = runId.replaceAll("[^A-Za-z0-9._-]", "_");
    return root.resolve(name.startsWith(".") ? "_" + name.substring(1) : name);
  }
}
