package dev.finesynth.cli;

import java.nio.file.Path;

/** The project folder the launcher script sets; the working directory otherwise. */
public final class FinesynthHome {
  private FinesynthHome() {}

  public static Path root() {
    String home = System.getenv("FINESYNTH_HOME");
    return Path.of(home != null ? home : "").toAbsolutePath();
  }
}
