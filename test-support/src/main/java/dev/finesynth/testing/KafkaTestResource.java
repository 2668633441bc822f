package dev.finesynth.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points a Quarkus test's Kafka connector at the real broker of {@link KafkaBroker}. */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    return Map.of("kafka.bootstrap.servers", KafkaBroker.bootstrapServers());
  }

  @Override
  public void stop() {
    // The broker outlives single test classes; KafkaBroker stops it when the JVM exits.
  }
}
