package dev.finesynth.encoders.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's memory as Linux reports it in {@code /proc/self/status}. */
public final class ProcessMemory {
  private static final Path STATUS = Path.of("/proc/self/status");

  private ProcessMemory() {}

  /** The peak resident set size ({@code VmHWM}) in bytes, or -1 where it cannot be read. */
  public static long peakRssBytes() {
    return field("VmHWM:");
  }

  /** The current resident set size ({@code VmRSS}) in bytes, or -1 where it cannot be read. */
  public static long rssBytes() {
    return field("VmRSS:");
  }

  private static long field(String name) {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith(name)) {
          String[] parts = line.substring(name.length()).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
