package dev.finesynth.contracts.paths;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathSegmentsTest {
  @TempDir Path root;

  @Test
  void idsTheServicesMakeAreSegments() {
    for (String ok :
        List.of(
            UUID.randomUUID().toString(),
            "corpus-0123456789abcdef",
            "brisk-otter-3f2a",
            "run_1",
            "v1.0",
            "model.safetensors",
            "a..b",
            "-dash",
            "x".repeat(PathSegments.MAX_CHARS))) {
      assertThat(PathSegments.problem(ok)).as(ok).isEmpty();
      assertThat(PathSegments.require("runId", ok)).isEqualTo(ok);
    }
  }

  @Test
  void pathsAndTrickNamesAreRefusedWithTheReason() {
    assertProblem(null, "is missing");
    assertProblem("", "is empty");
    assertProblem(".", "starts with '.'");
    assertProblem("..", "starts with '.'");
    assertProblem(".hidden", "starts with '.'");
    assertProblem("../etc", "starts with '.'");
    assertProblem("a/b", "path separator ('/')");
    assertProblem("a\\b", "path separator ('\\')");
    assertProblem("/etc/passwd", "path separator ('/')");
    assertProblem("C:", "drive letter");
    assertProblem("run\u0000", "U+0000");
    assertProblem("run\n1", "U+000A");
    assertProblem("%2e%2e", "'%'");
    assertProblem("run 1", "U+0020");
    assertProblem("\u2024\u2024", "U+2024"); // one dot leader, a look-alike of '.'
    assertProblem("\uff0e\uff0e", "U+FF0E"); // fullwidth full stop
    assertProblem("a\u2215b", "U+2215"); // division slash
    assertProblem("caf\u00e9", "U+00E9");
    assertProblem("x".repeat(PathSegments.MAX_CHARS + 1), "over the limit of 128");
  }

  @Test
  void requireNamesTheField() {
    assertThatThrownBy(() -> PathSegments.require("corpusId", "../x"))
        .isInstanceOf(UnsafePathException.class)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("corpusId: starts with '.'")
        .extracting(e -> ((UnsafePathException) e).field())
        .isEqualTo("corpusId");
  }

  @Test
  void aChildStaysInItsFolder() {
    assertThat(PathSegments.child(root, "runId", "run-1")).isEqualTo(root.resolve("run-1"));
    assertThat(PathSegments.child(root, "corpusId", "c-1", ".log.jsonl"))
        .isEqualTo(root.resolve("c-1.log.jsonl"));
    for (String bad : List.of("..", "../x", "/tmp/x", "a/../../x", "", "%2e%2e%2f")) {
      assertThatThrownBy(() -> PathSegments.child(root, "runId", bad))
          .as(bad)
          .isInstanceOf(UnsafePathException.class)
          .hasMessageStartingWith("runId: ");
    }
  }

  @Test
  void relativePathsAreSegmentsJoinedBySlashes() {
    assertThat(PathSegments.relative(root, "file", "2_Dense/model.safetensors"))
        .isEqualTo(root.resolve("2_Dense/model.safetensors"));
    assertThat(PathSegments.relative(root, "revision", "refs/pr/3"))
        .isEqualTo(root.resolve("refs/pr/3"));
    assertThat(PathSegments.relativeProblem("refs/pr/3")).isEmpty();

    assertRelativeProblem("/abs/file", "is an absolute path");
    assertRelativeProblem("../../x", "has a part that starts with '.'");
    assertRelativeProblem("a/../../x", "has a part that starts with '.'");
    assertRelativeProblem("a/./b", "has a part that starts with '.'");
    assertRelativeProblem("a//b", "has an empty part");
    assertRelativeProblem("a/", "has an empty part");
    assertRelativeProblem("a\\..\\b", "contains '\\'");
    assertRelativeProblem("C:/x", "drive letter");
    assertRelativeProblem("a/b\u0000", "U+0000");
    assertRelativeProblem("x".repeat(PathSegments.MAX_PATH_CHARS + 1), "over the limit");
    assertThatThrownBy(() -> PathSegments.relative(root, "file", "1_Dense/../../../evil"))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageStartingWith("file: has a part that starts with '.'");
  }

  @Test
  void insideRefusesWhatNormalisesOutsideTheBase() throws IOException {
    Path base = Files.createDirectories(root.resolve("reports"));
    assertThat(PathSegments.inside(base, "f", base.resolve("a/b"))).isEqualTo(base.resolve("a/b"));
    assertThatThrownBy(() -> PathSegments.inside(base, "f", base.resolve("../x")))
        .hasMessage("f: leads outside its folder " + base);
    assertThatThrownBy(() -> PathSegments.inside(base, "f", base.resolve("a/../..")))
        .isInstanceOf(UnsafePathException.class);
    assertThatThrownBy(() -> PathSegments.inside(base, "f", base)) // the folder itself
        .isInstanceOf(UnsafePathException.class);
    // a sibling whose name starts with the base's name is not inside it
    assertThatThrownBy(() -> PathSegments.inside(base, "f", root.resolve("reports-old/x")))
        .isInstanceOf(UnsafePathException.class);
    assertThatThrownBy(() -> PathSegments.inside(base, "f", Path.of("/etc/passwd")))
        .isInstanceOf(UnsafePathException.class);
    // relative bases work too, compared as absolute paths
    assertThat(PathSegments.inside(Path.of("shared"), "f", Path.of("shared/x")))
        .isEqualTo(Path.of("shared/x"));
  }

  private static void assertProblem(String value, String reason) {
    assertThat(PathSegments.problem(value))
        .as(String.valueOf(value))
        .get()
        .asString()
        .contains(reason);
    assertThat(PathSegments.isSegment(value)).isFalse();
  }

  private static void assertRelativeProblem(String path, String reason) {
    assertThat(PathSegments.relativeProblem(path)).as(path).get().asString().contains(reason);
  }
}
