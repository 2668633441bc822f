package dev.finesynth.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** Locates the shared IR collections ({@code ../shared/datasets}); never copied into the repo. */
public final class Datasets {
  private Datasets() {}

  /**
   * The first that exists of: {@code -Ddev.finesynth.datasets} (the root pom sets it to {@code
   * ../shared/datasets} beside the checkout), {@code $FINESYNTH_DATASETS}, {@code
   * ../shared/datasets} beside the project root, and {@code /work/shared/datasets} (where a clone
   * elsewhere finds them).
   */
  public static Path root() {
    List<Path> candidates = new ArrayList<>();
    String configured = System.getProperty("dev.finesynth.datasets");
    if (configured != null && !configured.isBlank()) {
      candidates.add(Path.of(configured));
    }
    String env = System.getenv("FINESYNTH_DATASETS");
    if (env != null && !env.isBlank()) {
      candidates.add(Path.of(env));
    }
    candidates.add(KafkaBroker.projectRoot().resolve("../shared/datasets").normalize());
    candidates.add(Path.of("/work/shared/datasets"));
    return candidates.stream().filter(Files::isDirectory).findFirst().orElse(candidates.get(0));
  }

  /** A collection's folder; the calling test is skipped, with the reason, when it is absent. */
  public static Path require(String name) {
    Path dir = root().resolve(name);
    Assumptions.assumeTrue(Files.isDirectory(dir), "dataset not found: " + dir);
    return dir;
  }
}
