package dev.finesynth.trainer.training;

import dev.finesynth.servicekit.FinesynthConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where training keeps its state: checkpoints under {@code training/<run>/}, exported models under
 * {@code models/<run>/epoch-<n>/}, and a {@code FINISHED} marker once the final model is out.
 */
@Singleton
public class ModelStore {
  @Inject FinesynthConfig config;

  public Path checkpoint(String runId) {
    return Path.of(config.home()).resolve("training").resolve(safe(runId)).resolve("checkpoint");
  }

  public Path model(String runId, int epoch) {
    return Path.of(config.home()).resolve("models").resolve(safe(runId)).resolve("epoch-" + epoch);
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

  private Path marker(String runId) {
    return Path.of(config.home()).resolve("training").resolve(safe(runId)).resolve("FINISHED");
  }

  private static String safe(String id) {
    return id.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
