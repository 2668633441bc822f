package dev.finesynth.evaluation.data;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the shared IR collections: {@code -Ddev.finesynth.datasets} (set by the root pom), else
 * {@code ../shared/datasets} next to the project root. Tests using one are skipped when it is
 * absent.
 */
public final class SharedDatasets {
  private SharedDatasets() {}

  public static Path require(String name) {
    Path dir = root().resolve(name);
    Assumptions.assumeTrue(Files.isDirectory(dir), "dataset not found: " + dir);
    return dir;
  }

  private static Path root() {
    String configured = System.getProperty("dev.finesynth.datasets");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return projectRoot().resolve("../shared/datasets").normalize();
  }

  /** {@code -Ddev.finesynth.root}, else the nearest folder above with the Maven wrapper. */
  private static Path projectRoot() {
    String configured = System.getProperty("dev.finesynth.root");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    return dir != null ? dir : Path.of("").toAbsolutePath();
  }
}
