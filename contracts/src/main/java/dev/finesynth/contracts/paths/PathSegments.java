package dev.finesynth.contracts.paths;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The one rule for a value from outside (a run id, a corpus id, a hub revision or file name) that
 * becomes part of a file path, and the resolver that keeps the path it makes inside its folder.
 *
 * <p>A <em>segment</em> is one file name: 1 to {@value #MAX_CHARS} ASCII letters, digits, {@code
 * .}, {@code _} or {@code -}, not starting with a dot. That leaves out separators ({@code /},
 * {@code \}), {@code .} and {@code ..}, hidden names, NUL and other control characters, drive
 * letters and streams ({@code C:}, {@code a:b}), percent-encoded names ({@code %2e%2e}) and Unicode
 * look-alikes of dots and slashes. UUIDs, {@code corpus-<hex>} and hub names pass. A value that
 * breaks the rule is refused, never rewritten, so that two ids never share a folder.
 *
 * <p>Check at the edge (event decoding, REST parameters) with {@link #problem}, and again where the
 * path is made, with {@link #child} or {@link #relative}: both refuse a result that {@link #inside
 * normalises} to a place outside the base folder.
 */
public final class PathSegments {
  /** Longest segment: room for the suffixes stores add, within the 255 bytes of a file name. */
  public static final int MAX_CHARS = 128;

  /** Longest relative path, such as a hub revision {@code refs/pr/3} or file {@code 2_Dense/x}. */
  public static final int MAX_PATH_CHARS = 1024;

  private PathSegments() {}

  /** Why {@code value} is not a segment; empty when it is one. */
  public static Optional<String> problem(String value) {
    if (value == null) {
      return Optional.of("is missing");
    }
    if (value.isEmpty()) {
      return Optional.of("is empty");
    }
    if (value.length() > MAX_CHARS) {
      return Optional.of(
          "is "
              + value.length()
              + " characters, over the limit of "
              + MAX_CHARS
              + " for a name that becomes a file name");
    }
    if (value.charAt(0) == '.') {
      return Optional.of(
          "starts with '.', so it could name its folder ('.'), the parent ('..') or a hidden file");
    }
    for (int i = 0; i < value.length(); ) {
      int c = value.codePointAt(i);
      if (!allowed(c)) {
        return Optional.of(refusal(c));
      }
      i += Character.charCount(c);
    }
    return Optional.empty();
  }

  /** Whether {@code value} is a segment. */
  public static boolean isSegment(String value) {
    return problem(value).isEmpty();
  }

  /** {@code value}, if it is a segment; else throws naming {@code field}. */
  public static String require(String field, String value) {
    Optional<String> problem = problem(value);
    if (problem.isPresent()) {
      throw new UnsafePathException(field, problem.get());
    }
    return value;
  }

  /**
   * Why {@code path} is not a relative path of segments joined by {@code /} (as a hub file name or
   * revision is); empty when it is one.
   */
  public static Optional<String> relativeProblem(String path) {
    if (path == null) {
      return Optional.of("is missing");
    }
    if (path.isEmpty()) {
      return Optional.of("is empty");
    }
    if (path.length() > MAX_PATH_CHARS) {
      return Optional.of(
          "is " + path.length() + " characters, over the limit of " + MAX_PATH_CHARS);
    }
    if (path.startsWith("/")) {
      return Optional.of("is an absolute path; it must be relative to its folder");
    }
    if (path.indexOf('\\') >= 0) {
      return Optional.of("contains '\\'; the parts of a path are separated by '/'");
    }
    String[] parts = path.split("/", -1);
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].isEmpty()) {
        return Optional.of("has an empty part ('//', or a '/' at its end)");
      }
      Optional<String> problem = problem(parts[i]);
      if (problem.isPresent()) {
        return Optional.of("has a part that " + problem.get());
      }
    }
    return Optional.empty();
  }

  /** {@code base/segment}, once {@code segment} is checked; throws naming {@code field}. */
  public static Path child(Path base, String field, String segment) {
    return inside(base, field, base.resolve(require(field, segment)));
  }

  /**
   * {@code base/<segment><suffix>}: a file named after an id, such as {@code <corpusId>.log.jsonl};
   * the suffix is the caller's own constant.
   */
  public static Path child(Path base, String field, String segment, String suffix) {
    return inside(base, field, base.resolve(require(field, segment) + suffix));
  }

  /** {@code base/a/b}, once each part of the relative {@code path} is checked. */
  public static Path relative(Path base, String field, String path) {
    Optional<String> problem = relativeProblem(path);
    if (problem.isPresent()) {
      throw new UnsafePathException(field, problem.get());
    }
    return inside(base, field, base.resolve(path));
  }

  /**
   * {@code path}, if it lies below {@code base} once both are made absolute and normalised (no
   * {@code .} or {@code ..} left); else throws naming {@code field}. Symbolic links are not
   * followed: the stores make none, and one placed in a shared folder needs write access to it.
   */
  public static Path inside(Path base, String field, Path path) {
    Path root = base.toAbsolutePath().normalize();
    Path target = path.toAbsolutePath().normalize();
    if (target.equals(root) || !target.startsWith(root)) {
      throw new UnsafePathException(field, "leads outside its folder " + base);
    }
    return path;
  }

  private static boolean allowed(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '.'
        || c == '_'
        || c == '-';
  }

  private static String refusal(int c) {
    if (c == '/' || c == '\\') {
      return "contains a path separator ('" + (char) c + "'): it must be one file name, not a path";
    }
    if (c == ':') {
      return "contains ':', a drive letter or a stream on some file systems";
    }
    String shown = c > 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("U+%04X", c);
    return "contains "
        + shown
        + ": only ASCII letters, digits, '.', '_' and '-' may make up a file name";
  }
}
