package dev.finesynth.contracts.kafka;

import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/** Kafka client failures as messages that name the cause and the setting to check. */
public final class KafkaFailures {
  private KafkaFailures() {}

  /** An {@link IllegalStateException} saying why {@code connection} did not work. */
  public static IllegalStateException explain(KafkaConnection connection, Throwable failure) {
    return new IllegalStateException(message(connection, failure), failure);
  }

  static String message(KafkaConnection connection, Throwable failure) {
    String detail = failure.getClass().getSimpleName() + ": " + failure.getMessage();
    if (failure instanceof SaslAuthenticationException) {
      return "Kafka at "
          + connection.bootstrapServers()
          + " refused the credentials of user "
          + connection.principal()
          + " ("
          + detail
          + "); check the password in sasl.jaas.config (KAFKA_SASL_JAAS_CONFIG, or the KafkaUser"
          + " secret that "
          + KafkaSecurity.USER_DIR_ENV
          + " names)";
    }
    if (failure instanceof SslAuthenticationException) {
      return "the TLS handshake with Kafka at "
          + connection.bootstrapServers()
          + " failed ("
          + detail
          + "); check the cluster CA ("
          + KafkaSecurity.CA_ENV
          + " or ssl.truststore.location) and, for mTLS, the client certificate (user.p12)";
    }
    if (failure instanceof AuthorizationException) {
      return "Kafka at "
          + connection.bootstrapServers()
          + " denies "
          + connection.principal()
          + " ("
          + detail
          + "); grant the ACLs its KafkaUser lists (deploy/base/generated/kafka-users.yaml)";
    }
    String hint =
        connection.protocol().equals("PLAINTEXT")
            ? "; start the local stack with ./finesynth up, or pass --bootstrap-servers host:port"
                + " (and, for a secured cluster, its settings: --kafka-config FILE or "
                + KafkaSecurity.USER_DIR_ENV
                + ")"
            : "; check the address and that its listener speaks " + connection.protocol();
    return "Kafka is unreachable at " + connection + " (" + detail + ")" + hint;
  }
}
