package dev.finesynth.deploy;

import static dev.finesynth.deploy.Maps.of;

import dev.finesynth.contracts.kafka.KafkaSecurity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A service's Deployment, Service and PodDisruptionBudget. */
final class Workloads {
  static final String HOME = "/var/lib/finesynth";
  static final String SHARED = "/var/lib/finesynth-shared";
  static final String SHARED_CLAIM = "finesynth-shared";
  static final String SETTINGS = "finesynth-settings";
  static final String KAFKA_CA_SECRET = Kafka.CLUSTER + "-cluster-ca-cert";
  static final String KAFKA_CA = "/etc/finesynth/kafka-ca";
  static final String KAFKA_USER = "/etc/finesynth/kafka-user";

  /** Services with authenticated REST endpoints (service-kit's RestAuthCheck) and their keys. */
  static final Set<String> REST_API = Set.of("trainer", "evaluator");

  static final String REST_KEYS_SECRET = "finesynth-rest-api-keys";
  static final String REST_KEYS = "/etc/finesynth/rest";
  // the image's user (deploy/images); fsGroup makes the volumes writable to it
  private static final long USER = 10001;

  private Workloads() {}

  static String name(Workload workload) {
    return "finesynth-" + workload.service();
  }

  static Map<String, String> labels(Workload workload) {
    return labels(name(workload));
  }

  static Map<String, String> labels(String name) {
    return Map.of("app.kubernetes.io/name", name, "app.kubernetes.io/part-of", "finesynth");
  }

  static List<Map<String, Object>> all(Workload workload, String version) {
    return List.of(deployment(workload, version), service(workload), disruptionBudget(workload));
  }

  static Map<String, Object> deployment(Workload workload, String version) {
    Map<String, Object> pod =
        of(
            "securityContext",
            podSecurityContext(),
            // time to finish the batch or the checkpoint in hand; what is left goes to another
            // instance
            "terminationGracePeriodSeconds",
            workload.shared() ? 120 : 60,
            "containers",
            List.of(container(workload, version)),
            "volumes",
            volumes(workload));
    return Maps.resource(
        "apps/v1",
        "Deployment",
        name(workload),
        labels(workload),
        of(
            "replicas", 1,
            "selector", of("matchLabels", labels(workload)),
            "template", of("metadata", of("labels", labels(workload)), "spec", pod)));
  }

  private static Map<String, Object> container(Workload workload, String version) {
    List<Map<String, Object>> mounts = new ArrayList<>();
    mounts.add(of("name", "tmp", "mountPath", "/tmp"));
    mounts.add(of("name", "home", "mountPath", HOME));
    mounts.addAll(kafkaMounts());
    if (REST_API.contains(workload.service())) {
      mounts.add(of("name", "rest-api-keys", "mountPath", REST_KEYS, "readOnly", true));
    }
    if (workload.shared()) {
      mounts.add(of("name", "shared", "mountPath", SHARED));
    }
    List<Map<String, Object>> env = new ArrayList<>();
    env.add(of("name", "FINESYNTH_HOME", "value", HOME));
    if (workload.shared()) {
      env.add(of("name", "FINESYNTH_SHARED", "value", SHARED));
    }
    env.addAll(kafkaEnv());
    if (REST_API.contains(workload.service())) {
      // API keys (hashes only); JWTs as well once MP_JWT_VERIFY_PUBLICKEY_LOCATION is set
      env.add(of("name", "FINESYNTH_REST_AUTH_API_KEYS_FILE", "value", REST_KEYS + "/api-keys"));
    }
    // heap beside the model runtimes' native memory, which the JVM does not count
    env.add(javaOptions(55));
    return of(
        "name", workload.service(),
        "image", workload.image(version),
        "ports", List.of(of("name", "http", "containerPort", workload.port())),
        "envFrom", settings(),
        "env", env,
        "resources",
            of(
                "requests", of("cpu", "1", "memory", workload.memoryRequest()),
                "limits", of("cpu", "2", "memory", workload.memoryLimit())),
        // models load lazily, but the miner folds the corpus topic before it is ready
        "startupProbe", probe("/q/health/started", 60),
        "livenessProbe", probe("/q/health/live", 3),
        "readinessProbe", probe("/q/health/ready", 3),
        "securityContext", containerSecurityContext(),
        "volumeMounts", mounts);
  }

  /** The image's user (UID and GID 10001), which also owns the volumes; seccomp RuntimeDefault. */
  static Map<String, Object> podSecurityContext() {
    return of(
        "runAsNonRoot", true,
        "runAsUser", USER,
        "runAsGroup", USER,
        "fsGroup", USER,
        "seccompProfile", of("type", "RuntimeDefault"));
  }

  /** No privilege escalation, a read-only root filesystem, every capability dropped. */
  static Map<String, Object> containerSecurityContext() {
    return of(
        "allowPrivilegeEscalation", false,
        "readOnlyRootFilesystem", true,
        "capabilities", of("drop", List.of("ALL")));
  }

  /** Every variable of the settings ConfigMap (Kafka address, topic prefix, ...). */
  static List<Map<String, Object>> settings() {
    return List.of(of("configMapRef", of("name", SETTINGS)));
  }

  /** The JVM's heap as {@code percent} of the memory limit; out of memory restarts the pod. */
  static Map<String, Object> javaOptions(int percent) {
    return of(
        "name",
        "JAVA_TOOL_OPTIONS",
        "value",
        "-XX:MaxRAMPercentage=" + percent + " -XX:+ExitOnOutOfMemoryError");
  }

  /**
   * The KafkaUser's secret and the cluster CA as Strimzi writes them (KafkaSecurity reads both).
   */
  static List<Map<String, Object>> kafkaEnv() {
    return List.of(
        of("name", KafkaSecurity.USER_DIR_ENV, "value", KAFKA_USER),
        of("name", KafkaSecurity.CA_ENV, "value", KAFKA_CA));
  }

  static List<Map<String, Object>> kafkaMounts() {
    return List.of(
        of("name", "kafka-ca", "mountPath", KAFKA_CA, "readOnly", true),
        of("name", "kafka-user", "mountPath", KAFKA_USER, "readOnly", true));
  }

  /** The cluster CA's certificate and the secret Strimzi writes for the KafkaUser {@code user}. */
  static List<Map<String, Object>> kafkaVolumes(String user) {
    return List.of(
        of(
            "name",
            "kafka-ca",
            "secret",
            of(
                "secretName",
                KAFKA_CA_SECRET,
                "items",
                List.of(of("key", "ca.crt", "path", "ca.crt")))),
        of("name", "kafka-user", "secret", of("secretName", user)));
  }

  static Map<String, Object> tmpVolume() {
    return of("name", "tmp", "emptyDir", of("sizeLimit", "1Gi"));
  }

  static Map<String, Object> probe(String path, int failures) {
    return of(
        "httpGet",
        of("path", path, "port", "http"),
        "periodSeconds",
        5,
        "timeoutSeconds",
        3,
        "failureThreshold",
        failures);
  }

  private static List<Map<String, Object>> volumes(Workload workload) {
    List<Map<String, Object>> volumes = new ArrayList<>();
    volumes.add(tmpVolume());
    // the instance's own cache (the miner's corpus copy and vectors): rebuilt from Kafka
    volumes.add(of("name", "home", "emptyDir", of("sizeLimit", "10Gi")));
    volumes.addAll(kafkaVolumes(KafkaUsers.name(workload.service())));
    if (REST_API.contains(workload.service())) {
      volumes.add(of("name", "rest-api-keys", "secret", of("secretName", REST_KEYS_SECRET)));
    }
    if (workload.shared()) {
      volumes.add(sharedVolume());
    }
    return volumes;
  }

  /** The shared claim; each container mounts it at {@link #SHARED}. */
  static Map<String, Object> sharedVolume() {
    return of("name", "shared", "persistentVolumeClaim", of("claimName", SHARED_CLAIM));
  }

  static Map<String, Object> service(Workload workload) {
    return Maps.resource(
        "v1",
        "Service",
        name(workload),
        labels(workload),
        of(
            "selector", labels(workload),
            "ports", List.of(of("name", "http", "port", workload.port(), "targetPort", "http"))));
  }

  /** One pod at a time may be evicted: every service hands its work over to the others. */
  static Map<String, Object> disruptionBudget(Workload workload) {
    return Maps.resource(
        "policy/v1",
        "PodDisruptionBudget",
        name(workload),
        labels(workload),
        of("maxUnavailable", 1, "selector", of("matchLabels", labels(workload))));
  }
}
