package dev.finesynth.trainer.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.events.SynthesisModels;
import dev.finesynth.contracts.events.Triplet;
import dev.finesynth.contracts.paths.PathSegments;
import dev.finesynth.servicekit.FinesynthConfig;
import dev.finesynth.servicekit.FolderLock;
import dev.finesynth.servicekit.artifacts.LocalCopy;
import dev.finesynth.servicekit.artifacts.SharedArtifacts;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every run's dataset under {@code <finesynth.shared>/datasets/<runId>/}, the folder every trainer
 * instance reaches (a ReadWriteMany volume in Kubernetes). A dataset is complete once its {@code
 * manifest.json} exists. With an artifact store beside the shared folder ({@code
 * finesynth.artifacts.store=s3}) the canonical files and the manifest go there too, before the
 * manifest is in place here.
 */
@Singleton
public class DatasetStore {
  public static final String MANIFEST = "manifest.json";
  private static final ObjectMapper JSON = EventCodec.newMapper();

  @Inject FinesynthConfig config;
  @Inject EventCodec codec;
  @Inject SharedArtifacts artifacts;

  private final Map<String, RunDataset> open = new ConcurrentHashMap<>();

  /** A store wired by hand, without CDI (tests, tools). */
  public static DatasetStore of(FinesynthConfig config, EventCodec codec) {
    DatasetStore store = new DatasetStore();
    store.config = config;
    store.codec = codec;
    store.artifacts = SharedArtifacts.inSharedFolder(config.sharedFolder());
    return store;
  }

  public RunDataset dataset(String runId) {
    Path folder = folder(runId); // a refused id is not remembered
    return open.computeIfAbsent(runId, id -> RunDataset.open(folder, codec));
  }

  /** Whether any triplet of the run is stored, by any instance. */
  public boolean exists(String runId) {
    return Files.exists(folder(runId).resolve(RunDataset.JSONL))
        || Files.isDirectory(folder(runId).resolve(RunDataset.PARTS))
        || Files.isDirectory(folder(runId).resolve(RunDataset.SHORTFALLS));
  }

  public Optional<Manifest> manifest(String runId) {
    Path file = folder(runId).resolve(MANIFEST);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    return Optional.of(read(file));
  }

  /**
   * The manifest of a complete dataset that the shared folder does not hold, from the artifact
   * store; empty when the store has none either, or there is no store beside the shared folder.
   */
  public Optional<Manifest> storedManifest(String runId) {
    return artifacts
        .fetchFile(folder(runId).resolve(MANIFEST))
        .map(
            copy -> {
              try (copy) {
                return read(copy.path());
              }
            });
  }

  /**
   * A canonical file ({@link RunDataset#JSONL}, {@link RunDataset#TSV}) from the artifact store.
   */
  public Optional<LocalCopy> storedFile(String runId, String name) {
    return artifacts.fetchFile(folder(runId).resolve(name));
  }

  private static Manifest read(Path file) {
    try {
      return JSON.readValue(file.toFile(), Manifest.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * Completes the run's dataset if its parts hold {@code expected} distinct rows (the run's
   * expected triplets less its shortfalls): writes the canonical files and then the manifest.
   * Instances that share the folder take turns on a lock, so the first writes it and the others
   * find it written. Empty while rows are missing.
   */
  public Optional<Manifest> complete(
      String runId, String runName, SynthesisModels models, long expected) {
    try (FolderLock lock = FolderLock.acquire(folder(runId).resolve(".lock"))) {
      if (manifest(runId).isPresent()) {
        return Optional.empty(); // completed by an earlier call, which announced it
      }
      RunDataset dataset = dataset(runId);
      List<Triplet> rows = dataset.canonicalRows();
      if (rows.size() < expected) {
        return Optional.empty();
      }
      String checksum = dataset.writeCanonical(rows);
      artifacts.publish(folder(runId).resolve(RunDataset.JSONL));
      artifacts.publish(folder(runId).resolve(RunDataset.TSV));
      Manifest manifest =
          new Manifest(
              runId, runName, rows.size(), checksum, models, Instant.now(), dataset.missing());
      Path tmp = folder(runId).resolve(MANIFEST + ".tmp");
      JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), manifest);
      artifacts.publish(tmp, folder(runId).resolve(MANIFEST)); // complete there, then here
      Files.move(tmp, folder(runId).resolve(MANIFEST), StandardCopyOption.ATOMIC_MOVE);
      return Optional.of(manifest);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the manifest of " + runId, e);
    }
  }

  public EventCodec codec() {
    return codec;
  }

  /** The run's folder; a run id is a folder name, never a path (refused when it is not one). */
  public Path folder(String runId) {
    return PathSegments.child(config.sharedFolder().resolve("datasets"), "runId", runId);
  }

  @PreDestroy
  void close() throws IOException {
    for (RunDataset dataset : open.values()) {
      dataset.close();
    }
  }

  /**
   * What a complete dataset is: its size, its checksum, and the teacher that labelled it.
   *
   * @param models the miner, and the teacher's scorers and fusion that produced the margins
   * @param missing triplets the run's queries did not yield (shortfalls): fewer candidates than
   *     asked, or skipped bad records
   */
  public record Manifest(
      String runId,
      String runName,
      long rows,
      String checksum,
      SynthesisModels models,
      Instant completedAt,
      long missing) {}
}
