package dev.finesynth.trainer.training;

import dev.finesynth.contracts.paths.PathSegments;
import dev.finesynth.servicekit.FinesynthConfig;
import dev.finesynth.servicekit.artifacts.LocalCopy;
import dev.finesynth.servicekit.artifacts.SharedArtifacts;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where training keeps its state: checkpoints under {@code training/<run>/}, exported models under
 * {@code models/<run>/epoch-<n>/}, and a {@code FINISHED} marker once the final model is out. A run
 * id is a folder name, never a path: one that is not a {@link PathSegments segment} is refused.
 * With an artifact store beside the shared folder ({@code finesynth.artifacts.store=s3}) each
 * exported model goes there too, under the same path; checkpoints and markers stay here.
 */
@Singleton
public class ModelStore {
  @Inject FinesynthConfig config;
  @Inject SharedArtifacts artifacts;

  public Path checkpoint(String runId) {
    return run("training", runId).resolve("checkpoint");
  }

  public Path model(String runId, int epoch) {
    return run("models", runId).resolve("epoch-" + epoch);
  }

  /**
   * Puts the epoch's exported model in the artifact store; returns the location to announce: the
   * store's, or (folder store) the folder's absolute path.
   */
  public String publish(String runId, int epoch) {
    return artifacts.publishFolder(model(runId, epoch));
  }

  /** The epoch's model from the artifact store, where the shared folder does not hold it. */
  public Optional<LocalCopy> stored(String runId, int epoch) {
    return artifacts.fetchFolder(model(runId, epoch));
  }

  public boolean finished(String runId) {
    return Files.exists(marker(runId));
  }

  public void markFinished(String runId, int epochs) {
    try {
      Files.createDirectories(marker(runId).getParent());
      Files.writeString(marker(runId), "epochs=" + epochs + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the run's training ended: finished, or failed (retried only when asked again). */
  public boolean ended(String runId) {
    return finished(runId) || Files.exists(marker(runId).resolveSibling("FAILED"));
  }

  public void markFailed(String runId, String reason) {
    try {
      Files.createDirectories(marker(runId).getParent());
      Files.writeString(marker(runId).resolveSibling("FAILED"), reason + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file whose lock the instance that trains the run holds. */
  public Path lock(String runId) {
    return marker(runId).resolveSibling(".lock");
  }

  private Path marker(String runId) {
    return run("training", runId).resolve("FINISHED");
  }

  private Path run(String area, String runId) {
    return PathSegments.child(config.sharedFolder().resolve(area), "runId", runId);
  }
}
