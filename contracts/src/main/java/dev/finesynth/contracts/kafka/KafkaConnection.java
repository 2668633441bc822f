package dev.finesynth.contracts.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a Kafka cluster is and how to authenticate to it: what every Kafka client the project makes
 * (admin, consumers, producers) starts from.
 *
 * @param bootstrapServers {@code host:port,...}
 * @param security {@code security.protocol}, {@code sasl.*} and {@code ssl.*} settings; empty for
 *     plaintext
 */
public record KafkaConnection(String bootstrapServers, Map<String, String> security) {
  private static final Set<String> PREFIXES = Set.of("security.", "sasl.", "ssl.");
  private static final Pattern JAAS_USER = Pattern.compile("username=\"([^\"]*)\"");

  public KafkaConnection {
    security = Map.copyOf(security);
  }

  public static KafkaConnection plaintext(String bootstrapServers) {
    return new KafkaConnection(bootstrapServers, Map.of());
  }

  /** The security settings among {@code settings} (a Kafka client config); the rest is ignored. */
  public static KafkaConnection of(String bootstrapServers, Map<String, ?> settings) {
    Map<String, String> security = new TreeMap<>();
    settings.forEach(
        (key, value) -> {
          if (value != null && PREFIXES.stream().anyMatch(key::startsWith)) {
            security.put(key, value.toString());
          }
        });
    return new KafkaConnection(bootstrapServers, security);
  }

  /** A client config: the bootstrap servers, the security settings, then {@code extra}. */
  public Map<String, Object> config(Map<String, ?> extra) {
    Map<String, Object> config = new HashMap<>(security);
    config.put("bootstrap.servers", bootstrapServers);
    config.putAll(extra);
    return config;
  }

  public String protocol() {
    return security.getOrDefault("security.protocol", "PLAINTEXT");
  }

  /** Who this connection authenticates as, for messages: the SCRAM user or the client keystore. */
  public String principal() {
    Matcher user = JAAS_USER.matcher(security.getOrDefault("sasl.jaas.config", ""));
    if (user.find()) {
      return user.group(1);
    }
    return security.getOrDefault("ssl.keystore.location", "anonymous");
  }

  /** For messages: {@code host:port (SASL_SSL as finesynth-miner)}; never a password. */
  @Override
  public String toString() {
    return bootstrapServers + " (" + protocol() + " as " + principal() + ")";
  }
}
