package dev.finesynth.servicekit.artifacts;

import dev.finesynth.contracts.paths.PathSegments;
import dev.finesynth.contracts.paths.UnsafePathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The one key rule of the artifact stores: {@link PathSegments} joined by {@code /}. */
final class ArtifactKeys {
  private ArtifactKeys() {}

  /** {@code key}, if every part of it is a segment; else throws naming {@code field}. */
  static String check(String field, String key) {
    PathSegments.relativeProblem(key)
        .ifPresent(
            problem -> {
              throw new UnsafePathException(field, problem);
            });
    return key;
  }

  static boolean valid(String key) {
    return PathSegments.relativeProblem(key).isEmpty();
  }

  /** The key of {@code file} below {@code folder}, checked: its relative path joined by '/'. */
  static String relative(Path folder, Path file) {
    return check("key", join(folder.relativize(file)));
  }

  /** A relative path's names joined by {@code /}, whatever the platform's separator. */
  static String join(Path relative) {
    List<String> parts = new ArrayList<>();
    for (Path part : relative) {
      parts.add(part.toString());
    }
    return String.join("/", parts);
  }
}
