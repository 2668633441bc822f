package dev.finesynth.deploy;

import dev.finesynth.contracts.topics.Topic;
import dev.finesynth.contracts.topics.Topics;
import java.util.Map;

/** The Strimzi cluster the manifests name, and a {@code KafkaTopic} per registry topic. */
final class Kafka {
  static final String CLUSTER = "finesynth";
  static final String API = "kafka.strimzi.io/v1";

  private Kafka() {}

  static Map<String, String> labels() {
    return Map.of("strimzi.io/cluster", CLUSTER, "app.kubernetes.io/part-of", "finesynth");
  }

  /**
   * The topic under the default prefix; replicas are the overlays' (1 on one node, 3 in
   * production).
   */
  static Map<String, Object> topic(Topic<?> topic) {
    return Maps.resource(
        API,
        "KafkaTopic",
        resourceName(topic.name()),
        labels(),
        Maps.of(
            "topicName",
            topic.qualifiedName(Topics.DEFAULT_PREFIX),
            "partitions",
            topic.partitions(),
            "replicas",
            1,
            "config",
            new java.util.TreeMap<>(topic.configs())));
  }

  /**
   * Kubernetes names are DNS labels: {@code finesynth.run-events} becomes {@code
   * finesynth-run-events}.
   */
  static String resourceName(String topic) {
    return CLUSTER + "-" + topic;
  }
}
