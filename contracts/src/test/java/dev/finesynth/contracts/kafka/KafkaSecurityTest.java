package dev.finesynth.contracts.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaSecurityTest {
  private static final String JAAS =
      "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"finesynth-miner\""
          + " password=\"s3cret\";";

  @TempDir Path dir;

  @Test
  void aScramUserSecretIsSaslSslWithItsJaasConfigAndTheCaAsPemTruststore() throws Exception {
    Path user = Files.createDirectories(dir.resolve("finesynth-miner"));
    Files.writeString(user.resolve("sasl.jaas.config"), JAAS + "\n");
    Files.writeString(user.resolve("password"), "s3cret");
    Path ca = Files.createDirectories(dir.resolve("cluster-ca"));
    Files.writeString(ca.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\n");

    Map<String, String> settings = KafkaSecurity.fromUserSecret(user, ca);

    assertThat(settings)
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry("sasl.jaas.config", JAAS)
        .containsEntry("ssl.truststore.type", "PEM")
        .containsEntry("ssl.truststore.location", ca.resolve("ca.crt").toString());
    KafkaConnection connection = KafkaConnection.of("kafka:9093", settings);
    assertThat(connection.principal()).isEqualTo("finesynth-miner");
    assertThat(connection.toString())
        .isEqualTo("kafka:9093 (SASL_SSL as finesynth-miner)")
        .doesNotContain("s3cret");
  }

  @Test
  void aTlsUserSecretIsSslWithItsPkcs12Keystore() throws Exception {
    Path user = Files.createDirectories(dir.resolve("finesynth-client"));
    Files.write(user.resolve("user.p12"), new byte[] {1, 2, 3});
    Files.writeString(user.resolve("user.password"), "p12-password\n");

    assertThat(KafkaSecurity.fromUserSecret(user, null))
        .containsEntry("security.protocol", "SSL")
        .containsEntry("ssl.keystore.type", "PKCS12")
        .containsEntry("ssl.keystore.location", user.resolve("user.p12").toString())
        .containsEntry("ssl.keystore.password", "p12-password")
        .doesNotContainKey("ssl.truststore.location");
  }

  @Test
  void variablesOverrideTheSecretAndMapAsQuarkusMapsThem() throws Exception {
    Path user = Files.createDirectories(dir.resolve("u"));
    Files.writeString(user.resolve("sasl.jaas.config"), JAAS);

    Map<String, String> settings =
        KafkaSecurity.fromEnvironment(
            Map.of(
                "FINESYNTH_KAFKA_USER_DIR", user.toString(),
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-256",
                "KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM", "https",
                "KAFKA_BOOTSTRAP_SERVERS", "ignored:9092",
                "KAFKA_HEAP_OPTS", "-Xmx1g"));

    assertThat(settings)
        .containsEntry("sasl.mechanism", "SCRAM-SHA-256")
        .containsEntry("ssl.endpoint.identification.algorithm", "https")
        .containsEntry("security.protocol", "SASL_SSL")
        .doesNotContainKeys("bootstrap.servers", "heap.opts");
  }

  @Test
  void aFolderThatIsNoKafkaUserSecretIsRefusedWithTheReason() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));

    assertThatThrownBy(() -> KafkaSecurity.fromUserSecret(empty, null))
        .hasMessageContaining("is not a KafkaUser secret");
    assertThatThrownBy(() -> KafkaSecurity.fromUserSecret(dir.resolve("missing"), null))
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> KafkaSecurity.fromUserSecret(null, dir.resolve("no-ca.crt")))
        .hasMessageContaining("cluster CA");
  }

  @Test
  void failuresNameTheCauseAndTheSettingToCheck() {
    KafkaConnection connection =
        KafkaConnection.of(
            "kafka:9093",
            Map.of("security.protocol", "SASL_SSL", "sasl.jaas.config", JAAS, "ignored", "x"));
    assertThat(connection.security()).doesNotContainKey("ignored");

    assertThat(
            KafkaFailures.explain(
                    connection, new SaslAuthenticationException("invalid credentials"))
                .getMessage())
        .contains("refused the credentials of user finesynth-miner", "sasl.jaas.config");
    assertThat(
            KafkaFailures.explain(connection, new TopicAuthorizationException("denied"))
                .getMessage())
        .contains("denies finesynth-miner", "kafka-users.yaml");
    assertThat(
            KafkaFailures.explain(
                    KafkaConnection.plaintext("kafka:9092"),
                    new java.util.concurrent.TimeoutException("no node"))
                .getMessage())
        .contains("unreachable at kafka:9092 (PLAINTEXT as anonymous)", "--kafka-config");
  }
}
