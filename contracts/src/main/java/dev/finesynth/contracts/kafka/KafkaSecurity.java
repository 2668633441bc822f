package dev.finesynth.contracts.kafka;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The one way every finesynth Kafka client (services, CLI, Java client) learns how to authenticate:
 * Kafka's own client settings ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}), read from
 * a Strimzi {@code KafkaUser} secret mounted as a folder, from {@code KAFKA_*} environment
 * variables and from a client properties file, later sources overriding earlier ones.
 *
 * <p>A SCRAM user's secret holds {@code sasl.jaas.config} (SASL_SSL, SCRAM-SHA-512); a TLS user's
 * holds {@code user.p12} and {@code user.password} (SSL with a client certificate). The cluster
 * CA's {@code ca.crt} is the PEM truststore.
 */
public final class KafkaSecurity {
  /** Folder of a mounted {@code KafkaUser} secret. */
  public static final String USER_DIR_ENV = "FINESYNTH_KAFKA_USER_DIR";

  /** The cluster CA certificate ({@code ca.crt}, PEM), or the folder of its mounted secret. */
  public static final String CA_ENV = "FINESYNTH_KAFKA_CA";

  private static final String[] ENV_PREFIXES = {"KAFKA_SECURITY_", "KAFKA_SASL_", "KAFKA_SSL_"};

  private KafkaSecurity() {}

  /** Settings from a {@code KafkaUser} secret folder and the cluster CA; either may be null. */
  public static Map<String, String> fromUserSecret(Path userDir, Path ca) {
    Map<String, String> settings = new TreeMap<>();
    if (userDir != null) {
      if (!Files.isDirectory(userDir)) {
        throw new IllegalArgumentException(
            "the Kafka user secret folder " + userDir + " does not exist");
      }
      Path jaas = userDir.resolve("sasl.jaas.config");
      Path keystore = userDir.resolve("user.p12");
      if (Files.exists(jaas)) {
        settings.put("security.protocol", "SASL_SSL");
        settings.put("sasl.mechanism", "SCRAM-SHA-512");
        settings.put("sasl.jaas.config", read(jaas));
      } else if (Files.exists(keystore)) {
        settings.put("security.protocol", "SSL");
        settings.put("ssl.keystore.type", "PKCS12");
        settings.put("ssl.keystore.location", keystore.toAbsolutePath().toString());
        settings.put("ssl.keystore.password", read(userDir.resolve("user.password")));
      } else {
        throw new IllegalArgumentException(
            userDir
                + " is not a KafkaUser secret: it has neither sasl.jaas.config (SCRAM) nor"
                + " user.p12 (TLS)");
      }
    }
    if (ca != null) {
      Path certificate = Files.isDirectory(ca) ? ca.resolve("ca.crt") : ca;
      if (!Files.isRegularFile(certificate)) {
        throw new IllegalArgumentException(
            "the Kafka cluster CA " + certificate + " does not exist");
      }
      settings.put("ssl.truststore.type", "PEM");
      settings.put("ssl.truststore.location", certificate.toAbsolutePath().toString());
    }
    return settings;
  }

  /**
   * Settings of an environment: the secret folders {@value #USER_DIR_ENV} and {@value #CA_ENV}
   * name, then {@code KAFKA_SECURITY_*}, {@code KAFKA_SASL_*} and {@code KAFKA_SSL_*} (as Quarkus
   * maps them: {@code KAFKA_SASL_JAAS_CONFIG} is {@code sasl.jaas.config}).
   */
  public static Map<String, String> fromEnvironment(Map<String, String> env) {
    Map<String, String> settings =
        fromUserSecret(pathOrNull(env.get(USER_DIR_ENV)), pathOrNull(env.get(CA_ENV)));
    env.forEach(
        (name, value) -> {
          for (String prefix : ENV_PREFIXES) {
            if (name.startsWith(prefix) && !value.isBlank()) {
              settings.put(
                  name.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.'),
                  value);
            }
          }
        });
    return settings;
  }

  /**
   * Settings of a Kafka client properties file (what {@code kafka-*.sh --command-config} reads).
   */
  public static Map<String, String> fromFile(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Kafka client settings " + file, e);
    }
    Map<String, String> settings = new TreeMap<>();
    properties.stringPropertyNames().forEach(key -> settings.put(key, properties.getProperty(key)));
    return settings;
  }

  private static Path pathOrNull(String value) {
    return value == null || value.isBlank() ? null : Path.of(value);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
