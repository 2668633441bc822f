package dev.finesynth.deploy;

import static dev.finesynth.deploy.Maps.of;

import dev.finesynth.operator.resource.SynthesisRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SynthesisRun operator: its ServiceAccount, a Role with what its reconciler does and nothing
 * else, the RoleBinding, and its Deployment (one replica, replaced by Recreate).
 */
final class OperatorWorkload {
  static final String NAME = "finesynth-operator";
  static final int PORT = 8085;

  private OperatorWorkload() {}

  static String image(String version) {
    return "finesynth/operator:" + version;
  }

  static List<Map<String, Object>> all(String version) {
    return List.of(serviceAccount(), role(), roleBinding(), deployment(version));
  }

  static Map<String, Object> serviceAccount() {
    return of(
        "apiVersion",
        "v1",
        "kind",
        "ServiceAccount",
        "metadata",
        of("name", NAME, "labels", Workloads.labels(NAME)));
  }

  /**
   * What the operator's calls need, in its own namespace: list and watch SynthesisRuns (the
   * informer); get, update and patch them (the finalizer is added and removed by an edit); get,
   * update and patch their status subresource (the folded status is written by an update); get a
   * ConfigMap an input names. No synthesisruns/finalizers: the operator sets no ownerReferences, so
   * it never blocks an owner's deletion; and it creates nothing (no Pods, Jobs or Events).
   */
  static Map<String, Object> role() {
    return of(
        "apiVersion",
        "rbac.authorization.k8s.io/v1",
        "kind",
        "Role",
        "metadata",
        of("name", NAME, "labels", Workloads.labels(NAME)),
        "rules",
        List.of(
            rule(
                SynthesisRun.GROUP,
                SynthesisRunCrd.PLURAL,
                "get",
                "list",
                "watch",
                "update",
                "patch"),
            rule(SynthesisRun.GROUP, SynthesisRunCrd.PLURAL + "/status", "get", "update", "patch"),
            rule("", "configmaps", "get")));
  }

  private static Map<String, Object> rule(String group, String resource, String... verbs) {
    return of("apiGroups", List.of(group), "resources", List.of(resource), "verbs", List.of(verbs));
  }

  /** The subject has no namespace: it is the RoleBinding's own, wherever the overlay puts both. */
  static Map<String, Object> roleBinding() {
    return of(
        "apiVersion",
        "rbac.authorization.k8s.io/v1",
        "kind",
        "RoleBinding",
        "metadata",
        of("name", NAME, "labels", Workloads.labels(NAME)),
        "roleRef",
        of("apiGroup", "rbac.authorization.k8s.io", "kind", "Role", "name", NAME),
        "subjects",
        List.of(of("kind", "ServiceAccount", "name", NAME)));
  }

  static Map<String, Object> deployment(String version) {
    Map<String, String> labels = Workloads.labels(NAME);
    List<Map<String, Object>> volumes = new ArrayList<>();
    volumes.add(Workloads.tmpVolume());
    volumes.addAll(Workloads.kafkaVolumes(KafkaUsers.OPERATOR));
    volumes.add(Workloads.sharedVolume());
    Map<String, Object> pod =
        of(
            "serviceAccountName",
            NAME,
            "securityContext",
            Workloads.podSecurityContext(),
            "terminationGracePeriodSeconds",
            30,
            "containers",
            List.of(container(version)),
            "volumes",
            volumes);
    return Maps.resource(
        "apps/v1",
        "Deployment",
        NAME,
        labels,
        of(
            // there is no leader election: two operators would start and cancel runs side by
            // side, so there is one replica, and an update stops it before its successor starts
            "replicas", 1,
            "strategy", of("type", "Recreate"),
            "selector", of("matchLabels", labels),
            "template", of("metadata", of("labels", labels), "spec", pod)));
  }

  private static Map<String, Object> container(String version) {
    List<Map<String, Object>> mounts = new ArrayList<>();
    mounts.add(of("name", "tmp", "mountPath", "/tmp"));
    mounts.addAll(Workloads.kafkaMounts());
    // inputs given by path are read from here; the operator writes nothing to it
    mounts.add(of("name", "shared", "mountPath", Workloads.SHARED, "readOnly", true));
    List<Map<String, Object>> env = new ArrayList<>();
    env.add(of("name", "FINESYNTH_SHARED", "value", Workloads.SHARED));
    // its own namespace, the only one its Role covers
    env.add(
        of(
            "name",
            "FINESYNTH_OPERATOR_NAMESPACE",
            "valueFrom",
            of("fieldRef", of("fieldPath", "metadata.namespace"))));
    env.addAll(Workloads.kafkaEnv());
    env.add(Workloads.javaOptions(70));
    return of(
        "name", "operator",
        "image", image(version),
        "ports", List.of(of("name", "http", "containerPort", PORT)),
        "envFrom", Workloads.settings(),
        "env", env,
        // peak RSS 189 MB starting 20 runs of the electronics sample from ConfigMaps in 37 s
        "resources",
            of(
                "requests", of("cpu", "100m", "memory", "256Mi"),
                "limits", of("cpu", "1", "memory", "512Mi")),
        // started and ready once the runs topics are read to their end (at most 2 min, else it
        // exits) and the informer has synced
        "startupProbe", Workloads.probe("/q/health/started", 36),
        "livenessProbe", Workloads.probe("/q/health/live", 3),
        "readinessProbe", Workloads.probe("/q/health/ready", 3),
        "securityContext", Workloads.containerSecurityContext(),
        "volumeMounts", mounts);
  }
}
