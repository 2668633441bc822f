package dev.finesynth.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finesynth.testing.KafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every document of every overlay, and of the samples, validates against the Kubernetes, Strimzi,
 * KEDA and Prometheus operator schemas, or (a SynthesisRun) against the generated CRD's schema,
 * unknown fields rejected: deploy/schema-check/check.mjs, run with Node.
 */
class SchemaCheckTest {
  private static final Path DEPLOY = KafkaBroker.projectRoot().resolve("deploy");
  private static final Path CHECK = DEPLOY.resolve("schema-check");

  @BeforeAll
  static void install() throws Exception {
    if (!Files.isDirectory(CHECK.resolve("node_modules"))) {
      assertThat(run(CHECK, List.of("npm", "ci", "--no-audit", "--no-fund")).exit())
          .as("npm ci in deploy/schema-check")
          .isZero();
    }
  }

  @Test
  void everyRenderedDocumentMatchesItsSchema() throws Exception {
    var check =
        run(
            DEPLOY,
            List.of(
                "node",
                "schema-check/check.mjs",
                "--resources",
                "samples/synthesisrun.yaml",
                "overlays/local",
                "overlays/production"));
    assertThat(check.exit()).as(check.output()).isZero();
    assertThat(check.output()).contains("documents valid, no unknown fields");
  }

  /** An unknown field, a value under a minimum and a missing required field: each is named. */
  @Test
  void aSynthesisRunOutsideTheCrdsSchemaFailsTheCheck(@TempDir Path dir) throws Exception {
    String sample = Files.readString(DEPLOY.resolve("samples/synthesisrun.yaml"));
    String bad =
        sample
            .substring(sample.indexOf("apiVersion: finesynth.dev/"))
            .replace("  numRelations: 5\n", "  numRelations: 1\n")
            .replace("    epochs: 1\n", "    epochs: 1\n    warmup: 10\n")
            .replaceAll("  corpus:\n    configMap:\n      name: [^\n]+\n      key: [^\n]+\n", "");
    Path file = Files.writeString(dir.resolve("bad.yaml"), bad);
    var check =
        run(
            DEPLOY,
            List.of(
                "node",
                "schema-check/check.mjs",
                "--crds",
                "base/generated/synthesisrun-crd.yaml",
                "--resources",
                file.toString()));
    assertThat(check.exit()).as(check.output()).isEqualTo(1);
    assertThat(check.output())
        .contains("/spec/numRelations must be >= 2")
        .contains("/spec/fit must NOT have additional properties: warmup")
        .contains("/spec must have required property 'corpus'")
        .contains("3 problem(s) in 2 documents");
  }

  private record Result(int exit, String output) {}

  private static Result run(Path dir, List<String> command)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    return new Result(process.waitFor(), output);
  }
}
