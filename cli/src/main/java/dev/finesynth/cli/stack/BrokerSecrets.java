package dev.finesynth.cli.stack;

import dev.finesynth.contracts.kafka.KafkaConnection;
import dev.finesynth.contracts.kafka.KafkaSecurity;
import dev.finesynth.contracts.topics.TopicProvisioner;
import dev.finesynth.contracts.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;

/**
 * The secrets of a secured local broker ({@code broker/kafka-broker.sh --secure}), laid out as
 * Strimzi's: a folder per user ({@code sasl.jaas.config}; {@code user.p12} for the TLS one) and the
 * cluster CA. The stack runs each service as its own user, creates the topics and grants the
 * KafkaUsers' ACLs as the admin, and leaves client settings for the CLI.
 */
public final class BrokerSecrets {
  static final String ADMIN = "finesynth-admin";
  public static final String CLIENT = "finesynth-client";
  private final Path brokerDir;

  private BrokerSecrets(Path brokerDir) {
    this.brokerDir = brokerDir;
  }

  /** The secrets of the broker in {@code brokerDir}, if it was started with {@code --secure}. */
  static Optional<BrokerSecrets> of(Path brokerDir) {
    return Files.exists(brokerDir.resolve("secure"))
        ? Optional.of(new BrokerSecrets(brokerDir))
        : Optional.empty();
  }

  /** The folder of a SCRAM user's secret, e.g. {@code finesynth-miner}. */
  public Path user(String name) {
    return brokerDir.resolve("secrets/users").resolve(name);
  }

  /** The folder of the TLS (mTLS) client user's secret. */
  public Path tlsUser() {
    return brokerDir.resolve("secrets/users").resolve(CLIENT + "-tls");
  }

  public Path clusterCa() {
    return brokerDir.resolve("secrets/cluster-ca/ca.crt");
  }

  /** The SSL (mTLS) listener's address. */
  public String tlsBootstrapServers() {
    try {
      return Files.readString(brokerDir.resolve("bootstrap-tls")).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public KafkaConnection connection(String bootstrapServers, Path userSecret) {
    return KafkaConnection.of(
        bootstrapServers, KafkaSecurity.fromUserSecret(userSecret, clusterCa()));
  }

  /** What a service's process is given: its user's secret and the CA, as in Kubernetes. */
  Map<String, String> environment(String service) {
    return Map.of(
        KafkaSecurity.USER_DIR_ENV,
        user("finesynth-" + service).toString(),
        KafkaSecurity.CA_ENV,
        clusterCa().getParent().toString(),
        "FINESYNTH_TOPICS_CREATE",
        "false");
  }

  /**
   * As the admin: creates the topics, then grants every KafkaUser of {@code manifests} its ACLs.
   */
  void prepare(String bootstrapServers, String prefix, Path manifests) {
    KafkaConnection admin = connection(bootstrapServers, user(ADMIN));
    try (Admin client = Admin.create(admin.config(Map.of()))) {
      new TopicProvisioner(client, prefix, (short) 1).createMissing(Topics.all());
      client.createAcls(KafkaUserAcls.read(manifests, prefix)).all().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot prepare the secured broker: " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * Client settings files as Kafka's tools read them ({@code --command-config}, the CLI's {@code
   * --kafka-config}): {@code kafka-client.properties} (SCRAM) and {@code
   * kafka-client-tls.properties} (mTLS, with its listener's address).
   */
  void writeClientSettings(Path folder, String bootstrapServers) {
    write(folder.resolve("kafka-client.properties"), connection(bootstrapServers, user(CLIENT)));
    write(
        folder.resolve("kafka-client-tls.properties"),
        connection(tlsBootstrapServers(), tlsUser()));
  }

  private static void write(Path file, KafkaConnection connection) {
    Properties properties = new Properties();
    properties.putAll(connection.config(Map.of()));
    try (Writer writer = Files.newBufferedWriter(file)) {
      properties.store(writer, "Kafka client settings of " + connection.principal());
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
