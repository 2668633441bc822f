package dev.finesynth.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finesynth.testing.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed manifests are what the registry and the channel settings generate: regenerate them
 * with {@code -Dfinesynth.manifests.write=true} when this fails.
 */
class ManifestFilesTest {
  static final Path ROOT = KafkaBroker.projectRoot();
  static final String VERSION = System.getProperty("finesynth.version", "0.1.0-SNAPSHOT");

  @Test
  void theCommittedManifestsAreWhatTheRegistryAndTheChannelsGenerate() throws Exception {
    if (Boolean.getBoolean("finesynth.manifests.write")) {
      ManifestFiles.main(new String[] {ROOT.toString(), VERSION});
    }
    for (var file : ManifestFiles.generate(ROOT, VERSION).entrySet()) {
      Path committed = ROOT.resolve("deploy").resolve(file.getKey());
      assertThat(committed).as("generate deploy/ with -Dfinesynth.manifests.write=true").exists();
      assertThat(Files.readString(committed))
          .as(file.getKey() + " drifted: regenerate it with -Dfinesynth.manifests.write=true")
          .isEqualTo(file.getValue());
    }
  }
}
