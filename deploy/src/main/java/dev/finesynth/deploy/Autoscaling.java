package dev.finesynth.deploy;

import static dev.finesynth.deploy.Maps.of;

import dev.finesynth.contracts.topics.Topics;
import java.util.List;
import java.util.Map;

/**
 * A KEDA {@code ScaledObject} per service on its shared groups' lag, and the credentials KEDA reads
 * the lag with. Replicas never exceed a topic's partitions: more instances would sit idle.
 */
final class Autoscaling {
  static final String API = "keda.sh/v1alpha1";
  static final String AUTHENTICATION = "finesynth-kafka-lag";
  static final String BOOTSTRAP = Kafka.CLUSTER + "-kafka-bootstrap:9093";

  private Autoscaling() {}

  static Map<String, Object> scaledObject(Workload workload, ServiceChannels channels) {
    List<Map<String, Object>> triggers =
        channels.groups().entrySet().stream()
            .map(
                group ->
                    of(
                        "type", "kafka",
                        "name", group.getKey(),
                        "metadata",
                            of(
                                "bootstrapServers",
                                BOOTSTRAP,
                                "consumerGroup",
                                Topics.DEFAULT_PREFIX + group.getKey(),
                                "topic",
                                Topics.DEFAULT_PREFIX + group.getValue(),
                                "lagThreshold",
                                Long.toString(workload.lagThreshold(group.getKey())),
                                "offsetResetPolicy",
                                "earliest"),
                        "authenticationRef", of("name", AUTHENTICATION)))
            .toList();
    int partitions =
        channels.groups().values().stream()
            .mapToInt(topic -> Topics.byName(topic).orElseThrow().partitions())
            .max()
            .orElseThrow();
    return Maps.resource(
        API,
        "ScaledObject",
        Workloads.name(workload),
        Workloads.labels(workload),
        of(
            "scaleTargetRef",
            of("name", Workloads.name(workload)),
            "minReplicaCount",
            1,
            "maxReplicaCount",
            partitions,
            "pollingInterval",
            15,
            // every scale step is a rebalance of the group: scale in slowly
            "cooldownPeriod",
            300,
            "advanced",
            of(
                "horizontalPodAutoscalerConfig",
                of("behavior", of("scaleDown", of("stabilizationWindowSeconds", 300))),
                "restoreToOriginalReplicaCount",
                false),
            "triggers",
            triggers));
  }

  /** SCRAM over TLS as the autoscaler's own Kafka user, which may only describe. */
  static Map<String, Object> triggerAuthentication() {
    return Maps.resource(
        API,
        "TriggerAuthentication",
        AUTHENTICATION,
        Map.of("app.kubernetes.io/part-of", "finesynth"),
        of(
            "configMapTargetRef",
                List.of(
                    of("parameter", "username", "name", AUTHENTICATION, "key", "username"),
                    of("parameter", "sasl", "name", AUTHENTICATION, "key", "sasl"),
                    of("parameter", "tls", "name", AUTHENTICATION, "key", "tls")),
            "secretTargetRef",
                List.of(
                    of("parameter", "password", "name", KafkaUsers.AUTOSCALER, "key", "password"),
                    of("parameter", "ca", "name", Workloads.KAFKA_CA_SECRET, "key", "ca.crt"))));
  }

  /** The non-secret half of the autoscaler's credentials. */
  static Map<String, Object> authenticationSettings() {
    return of(
        "apiVersion",
        "v1",
        "kind",
        "ConfigMap",
        "metadata",
        of("name", AUTHENTICATION, "labels", Map.of("app.kubernetes.io/part-of", "finesynth")),
        "data",
        of("username", KafkaUsers.AUTOSCALER, "sasl", "scram_sha512", "tls", "enable"));
  }
}
