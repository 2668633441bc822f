package dev.finesynth.servicekit.kafka;

import dev.finesynth.contracts.kafka.KafkaSecurity;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Quarkus's {@code kafka.*} settings (which every channel and admin client gets) from the mounted
 * {@code KafkaUser} secret and cluster CA that {@code FINESYNTH_KAFKA_USER_DIR} and {@code
 * FINESYNTH_KAFKA_CA} name; {@code KAFKA_*} variables and properties still override them.
 */
public class KafkaUserSecretSource implements ConfigSource {
  private final Map<String, String> properties = new TreeMap<>();

  public KafkaUserSecretSource() {
    KafkaSecurity.fromUserSecret(path(KafkaSecurity.USER_DIR_ENV), path(KafkaSecurity.CA_ENV))
        .forEach((key, value) -> properties.put("kafka." + key, value));
  }

  private static Path path(String variable) {
    String value = System.getenv(variable);
    return value == null || value.isBlank() ? null : Path.of(value);
  }

  @Override
  public Set<String> getPropertyNames() {
    return properties.keySet();
  }

  @Override
  public String getValue(String propertyName) {
    return properties.get(propertyName);
  }

  @Override
  public String getName() {
    return "KafkaUser secret";
  }

  /** Below application.properties (250) and the environment (300). */
  @Override
  public int getOrdinal() {
    return 200;
  }
}
