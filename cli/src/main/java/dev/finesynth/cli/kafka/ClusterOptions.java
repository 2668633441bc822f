package dev.finesynth.cli.kafka;

import dev.finesynth.client.Cluster;
import dev.finesynth.contracts.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the Kafka cluster is: flag, then {@code KAFKA_BOOTSTRAP_SERVERS}, then the local stack. */
public class ClusterOptions {
  @Option(
      names = "--bootstrap-servers",
      description =
          "Kafka bootstrap servers (default: $KAFKA_BOOTSTRAP_SERVERS, the local stack's broker, or localhost:9092).")
  String bootstrapServers;

  @Option(
      names = "--topic-prefix",
      defaultValue = Topics.DEFAULT_PREFIX,
      description = "Topic prefix (default ${DEFAULT-VALUE}).")
  String topicPrefix;

  public String bootstrapServers() {
    if (bootstrapServers != null) {
      return bootstrapServers;
    }
    String env = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
    if (env != null && !env.isBlank()) {
      return env;
    }
    String home = System.getenv("FINESYNTH_HOME");
    Path local = Path.of(home != null ? home : "").resolve(".finesynth/bootstrap");
    try {
      if (Files.exists(local)) {
        return Files.readString(local).trim();
      }
    } catch (java.io.IOException ignored) {
      // fall through to the default
    }
    return "localhost:9092";
  }

  public String topicPrefix() {
    return topicPrefix;
  }

  public dev.finesynth.client.FinesynthClient client() {
    return dev.finesynth.client.FinesynthClient.connect(bootstrapServers(), topicPrefix);
  }

  public Cluster connect() {
    return Cluster.connect(bootstrapServers(), topicPrefix);
  }
}
