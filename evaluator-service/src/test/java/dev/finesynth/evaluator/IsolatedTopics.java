package dev.finesynth.evaluator;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;

/**
 * Its own topics and state folder for the service under test: on a shared broker the default topics
 * hold other runs, whose base models this service would otherwise evaluate first.
 */
public class IsolatedTopics implements QuarkusTestResourceLifecycleManager {
  @Override
  public Map<String, String> start() {
    try {
      return Map.of(
          "finesynth.topic-prefix",
          "evaluator-it-" + UUID.randomUUID().toString().substring(0, 8) + ".",
          "finesynth.home",
          Files.createTempDirectory("evaluator-it-").toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {
    // the temporary folder is left for inspection; the topics expire with the test broker
  }
}
