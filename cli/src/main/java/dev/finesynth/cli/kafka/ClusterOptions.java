package dev.finesynth.cli.kafka;

import dev.finesynth.client.Cluster;
import dev.finesynth.client.FinesynthClient;
import dev.finesynth.contracts.kafka.KafkaConnection;
import dev.finesynth.contracts.kafka.KafkaSecurity;
import dev.finesynth.contracts.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * Where the Kafka cluster is and how to authenticate: flags, then the environment ({@code
 * KAFKA_BOOTSTRAP_SERVERS}, {@code KAFKA_SECURITY_PROTOCOL}..., a mounted KafkaUser secret), then
 * the local stack's broker and its client settings.
 */
public class ClusterOptions {
  @Option(
      names = "--bootstrap-servers",
      description =
          "Kafka bootstrap servers (default: $KAFKA_BOOTSTRAP_SERVERS, the --kafka-config file's,"
              + " the local stack's broker, or localhost:9092).")
  String bootstrapServers;

  @Option(
      names = "--kafka-config",
      description =
          "Kafka client settings file (security.protocol, sasl.*, ssl.*; as kafka-*.sh"
              + " --command-config reads). Default: $KAFKA_SECURITY_PROTOCOL, $KAFKA_SASL_*,"
              + " $KAFKA_SSL_*, the KafkaUser secret in $FINESYNTH_KAFKA_USER_DIR with the CA in"
              + " $FINESYNTH_KAFKA_CA, or the secured local stack's client user.")
  Path kafkaConfig;

  @Option(
      names = "--topic-prefix",
      defaultValue = Topics.DEFAULT_PREFIX,
      description = "Topic prefix (default ${DEFAULT-VALUE}).")
  String topicPrefix;

  public String bootstrapServers() {
    return connection().bootstrapServers();
  }

  /** The cluster's address and the security settings to reach it with. */
  public KafkaConnection connection() {
    Map<String, String> settings = new TreeMap<>(KafkaSecurity.fromEnvironment(System.getenv()));
    if (kafkaConfig != null) {
      settings.putAll(KafkaSecurity.fromFile(kafkaConfig));
    }
    String address =
        Stream.of(
                bootstrapServers,
                settings.get("bootstrap.servers"),
                System.getenv("KAFKA_BOOTSTRAP_SERVERS"))
            .filter(value -> value != null && !value.isBlank())
            .findFirst()
            .orElse(null);
    if (address == null) {
      Path local =
          Path.of(System.getenv().getOrDefault("FINESYNTH_HOME", "")).resolve(".finesynth");
      address = read(local.resolve("bootstrap")).orElse("localhost:9092");
      Path clientSettings = local.resolve("kafka-client.properties");
      if (settings.isEmpty() && Files.exists(clientSettings)) {
        settings.putAll(KafkaSecurity.fromFile(clientSettings));
      }
    }
    return KafkaConnection.of(address, settings);
  }

  private static Optional<String> read(Path file) {
    try {
      return Files.exists(file) ? Optional.of(Files.readString(file).trim()) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String topicPrefix() {
    return topicPrefix;
  }

  public FinesynthClient client() {
    return FinesynthClient.connect(connection(), topicPrefix);
  }

  public Cluster connect() {
    return Cluster.connect(connection(), topicPrefix);
  }
}
