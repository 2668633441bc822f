package dev.finesynth.encoders.hub;

import dev.finesynth.contracts.paths.PathSegments;
import dev.finesynth.encoders.catalog.ModelCatalog;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model as a user names it: a catalog short name ({@code e5-small-v2}), a hub repository ({@code
 * hf:org/name@revision}, or bare {@code org/name}), or a local folder ({@code /abs}, {@code ./rel},
 * {@code ../rel}, {@code ~/rel}, {@code file:...}). A relative folder must start with {@code ./}:
 * {@code models/x} names the hub repository {@code models/x}.
 */
public sealed interface ModelRef {

  /** A model of {@link ModelCatalog}, by its short name (lower case). */
  record Catalog(String name) implements ModelRef {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A hub repository; {@code revision} (branch, tag or commit) is null for {@code main}. */
  record Hub(String repo, String revision) implements ModelRef {
    public String revisionOrMain() {
      return revision == null ? "main" : revision;
    }

    @Override
    public String toString() {
      return "hf:" + repo + (revision == null ? "" : "@" + revision);
    }
  }

  /** A folder on disk holding a model (absolute, normalised). */
  record Local(Path folder) implements ModelRef {
    @Override
    public String toString() {
      return folder.toString();
    }
  }

  /** Parses {@code text}, failing with a message that lists what may be named. */
  static ModelRef parse(String text) {
    String s = text == null ? "" : text.trim();
    if (s.isEmpty()) {
      throw invalid(text, "it is empty");
    }
    if (s.startsWith("file:")) {
      Path path =
          s.startsWith("file://") ? Path.of(URI.create(s)) : Path.of(s.substring("file:".length()));
      return new Local(path.toAbsolutePath().normalize());
    }
    if (s.startsWith("/") || s.startsWith("./") || s.startsWith("../") || s.equals(".")) {
      return new Local(Path.of(s).toAbsolutePath().normalize());
    }
    if (s.startsWith("~/")) {
      return new Local(Path.of(System.getProperty("user.home"), s.substring(2)).normalize());
    }
    if (s.regionMatches(true, 0, "hf:", 0, 3)) {
      return hub(text, s.substring(3));
    }
    if (ModelCatalog.byName(s).isPresent()) {
      return new Catalog(s.toLowerCase(Locale.ROOT));
    }
    if (s.contains("/")) {
      return hub(text, s);
    }
    throw invalid(text, "it is not a known short name");
  }

  /**
   * A hub repository; its name and revision become folders of the cache ({@code
   * models--org--name/refs/<revision>}), so each part must be a {@link PathSegments segment}: no
   * {@code ..}, no part starting with a dot, nothing but letters, digits, '-', '_' and '.'.
   */
  private static Hub hub(String text, String spec) {
    Matcher m =
        Pattern.compile("([A-Za-z0-9][\\w.-]{0,95}/[\\w.-]{1,96})(?:@([\\w./-]{1,255}))?")
            .matcher(spec);
    if (!m.matches()
        || m.group(1).contains("--")
        || m.group(1).contains("..")
        || !PathSegments.isSegment(m.group(1).substring(m.group(1).indexOf('/') + 1))) {
      throw invalid(
          text, "a hub repository is <org>/<name>[@revision], letters, digits, '-', '_', '.'");
    }
    Optional<String> badRevision =
        m.group(2) == null ? Optional.empty() : PathSegments.relativeProblem(m.group(2));
    if (badRevision.isPresent()) {
      throw invalid(
          text,
          "its revision "
              + badRevision.get()
              + "; a revision is a branch, a tag, a commit or refs/pr/<n>");
    }
    return new Hub(m.group(1), m.group(2));
  }

  private static IllegalArgumentException invalid(String text, String why) {
    return new IllegalArgumentException(
        "cannot use '"
            + text
            + "' as a model ("
            + why
            + "). Name one of the catalog models "
            + String.join(", ", ModelCatalog.shortNames())
            + "; a hub repository as hf:<org>/<name>[@revision] or <org>/<name>; or a local"
            + " folder as /abs/path, ./relative/path or file:path");
  }
}
