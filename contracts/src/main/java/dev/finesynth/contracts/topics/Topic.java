package dev.finesynth.contracts.topics;

import java.time.Duration;
import java.util.Map;

/**
 * One Kafka topic of the system: its name (without the deployment's prefix), what its key means,
 * the type of its values, and the settings it is created with.
 *
 * @param name kebab-case noun, e.g. {@code triplets}
 * @param keyDescription what the String key holds, e.g. {@code runId/queryId}
 * @param valueType the event record carried as JSON, or {@code String} for dead letters
 * @param partitions partitions created when the topic is missing
 * @param compacted log compaction instead of time retention
 * @param retention how long records stay when not compacted; {@code null} keeps them forever
 */
public record Topic<V>(
    String name,
    String keyDescription,
    Class<V> valueType,
    int partitions,
    boolean compacted,
    Duration retention) {

  /** The full topic name under a deployment prefix such as {@code finesynth.}. */
  public String qualifiedName(String prefix) {
    return prefix + name;
  }

  /** Topic-level configs given to the AdminClient when the topic is created. */
  public Map<String, String> configs() {
    if (compacted) {
      return Map.of("cleanup.policy", "compact");
    }
    String retentionMs = retention == null ? "-1" : Long.toString(retention.toMillis());
    return Map.of("cleanup.policy", "delete", "retention.ms", retentionMs);
  }
}
