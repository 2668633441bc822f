package dev.finesynth.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finesynth.testing.KafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every document of every overlay validates against the Kubernetes, Strimzi, KEDA and Prometheus
 * operator schemas, unknown fields rejected: deploy/schema-check/check.mjs, run with Node.
 */
class SchemaCheckTest {
  private static final Path DEPLOY = KafkaBroker.projectRoot().resolve("deploy");
  private static final Path CHECK = DEPLOY.resolve("schema-check");

  @Test
  void everyRenderedDocumentMatchesItsSchema() throws Exception {
    if (!Files.isDirectory(CHECK.resolve("node_modules"))) {
      assertThat(run(CHECK, List.of("npm", "ci", "--no-audit", "--no-fund")).exit())
          .as("npm ci in deploy/schema-check")
          .isZero();
    }
    var check =
        run(
            DEPLOY,
            List.of("node", "schema-check/check.mjs", "overlays/local", "overlays/production"));
    assertThat(check.exit()).as(check.output()).isZero();
    assertThat(check.output()).contains("documents valid, no unknown fields");
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
