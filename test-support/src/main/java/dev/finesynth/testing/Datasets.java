package dev.finesynth.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Locates the shared IR collections ({@code ../shared/datasets}); never copied into the repo. */
public final class Datasets {
  private Datasets() {}

  public static Path root() {
    String configured = System.getProperty("dev.finesynth.datasets");
    Path root =
        configured != null
            ? Path.of(configured)
            : KafkaBroker.projectRoot().resolve("../shared/datasets").normalize();
    return root;
  }

  /** A collection's folder; the calling test is skipped, with the reason, when it is absent. */
  public static Path require(String name) {
    Path dir = root().resolve(name);
    Assumptions.assumeTrue(Files.isDirectory(dir), "dataset not found: " + dir);
    return dir;
  }
}
