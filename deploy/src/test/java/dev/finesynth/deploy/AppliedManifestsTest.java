package dev.finesynth.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finesynth.operator.resource.SynthesisRun;
import dev.finesynth.testing.KafkaBroker;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Applies each rendered overlay to a Kubernetes API server (fabric8's, in CRUD mode) and checks
 * what reads back against what the services really do: Services select Deployments' pods,
 * ScaledObjects target Deployments and consumer groups their service uses, KafkaUsers' ACLs cover
 * their service's topics and groups, Deployments run the images the build makes, and the operator
 * runs as a ServiceAccount whose Role grants exactly what its reconciler calls.
 */
@EnableKubernetesMockClient(crud = true)
class AppliedManifestsTest {
  private static final Path ROOT = KafkaBroker.projectRoot();
  private String namespace;
  static KubernetesClient client;
  static KubernetesMockServer server;

  @BeforeEach
  void knowTheCustomResources() {
    for (String[] kind :
        List.of(
            new String[] {"kafka.strimzi.io", "v1", "Kafka", "kafkas"},
            new String[] {"kafka.strimzi.io", "v1", "KafkaNodePool", "kafkanodepools"},
            new String[] {"kafka.strimzi.io", "v1", "KafkaTopic", "kafkatopics"},
            new String[] {"kafka.strimzi.io", "v1", "KafkaUser", "kafkausers"},
            new String[] {"keda.sh", "v1alpha1", "ScaledObject", "scaledobjects"},
            new String[] {"keda.sh", "v1alpha1", "TriggerAuthentication", "triggerauthentications"},
            new String[] {"monitoring.coreos.com", "v1", "PodMonitor", "podmonitors"},
            new String[] {
              SynthesisRun.GROUP, SynthesisRun.VERSION, "SynthesisRun", SynthesisRunCrd.PLURAL
            })) {
      server.expectCustomResource(
          new CustomResourceDefinitionContext.Builder()
              .withGroup(kind[0])
              .withVersion(kind[1])
              .withKind(kind[2])
              .withPlural(kind[3])
              .withScope("Namespaced")
              .withStatusSubresource(kind[2].equals("SynthesisRun"))
              .build());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "production"})
  void theAppliedOverlayHangsTogether(String overlay) throws Exception {
    namespace = "finesynth-" + overlay;
    apply(render(overlay));
    List<Deployment> deployments =
        client.apps().deployments().inNamespace(namespace).list().getItems();
    List<String> expected = new ArrayList<>(Workload.ALL.stream().map(Workloads::name).toList());
    expected.add(OperatorWorkload.NAME);
    assertThat(deployments)
        .extracting(d -> d.getMetadata().getName())
        .containsExactlyInAnyOrderElementsOf(expected);

    for (var service : client.services().inNamespace(namespace).list().getItems()) {
      assertThat(deployments)
          .as("Service %s selects a Deployment's pods", service.getMetadata().getName())
          .anySatisfy(
              d ->
                  assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
                      .containsAllEntriesOf(service.getSpec().getSelector()));
    }
    for (Deployment deployment : deployments) {
      String service = serviceOf(deployment.getMetadata().getName());
      assertThat(deployment.getSpec().getTemplate().getSpec().getContainers())
          .singleElement()
          .satisfies(c -> assertThat(c.getImage()).isIn(builtImages()));
      assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes())
          .as("%s mounts only what the overlay provides", service)
          .allSatisfy(
              v -> {
                if (v.getPersistentVolumeClaim() != null) {
                  assertThat(
                          client
                              .persistentVolumeClaims()
                              .inNamespace(namespace)
                              .withName(v.getPersistentVolumeClaim().getClaimName())
                              .get())
                      .isNotNull();
                }
              });
    }

    for (var scaled : custom("keda.sh/v1alpha1", "ScaledObject")) {
      String target = (String) spec(scaled, "scaleTargetRef").get("name");
      assertThat(deployments).extracting(d -> d.getMetadata().getName()).contains(target);
      ServiceChannels channels = ServiceChannels.of(ROOT, serviceOf(target));
      for (Map<String, Object> trigger :
          list(scaled.getAdditionalProperties(), "spec", "triggers")) {
        @SuppressWarnings("unchecked")
        var metadata = (Map<String, String>) trigger.get("metadata");
        String group = unprefixed(metadata.get("consumerGroup"));
        assertThat(channels.groups()).as("groups of " + target).containsKey(group);
        assertThat(unprefixed(metadata.get("topic"))).isEqualTo(channels.groups().get(group));
      }
    }

    var users = custom("kafka.strimzi.io/v1", "KafkaUser");
    for (var workload : Workload.ALL) {
      ServiceChannels channels = ServiceChannels.of(ROOT, workload.service());
      var user =
          users.stream()
              .filter(u -> u.getMetadata().getName().equals(KafkaUsers.name(workload.service())))
              .findFirst()
              .orElseThrow();
      Set<String> granted = granted(users, user.getMetadata().getName());
      Set<String> needed = new TreeSet<>();
      channels.reads().forEach(t -> needed.add("topic:" + t + ":Read"));
      channels.writes().forEach(t -> needed.add("topic:" + t + ":Write"));
      channels.groups().keySet().forEach(g -> needed.add("group:" + g + ":Read"));
      if (workload.service().equals(KafkaUsers.RUNS_API)) {
        // its /runs endpoints publish and follow runs as the CLI does
        needed.addAll(granted(users, KafkaUsers.CLIENT));
      }
      assertThat(granted).as("ACLs of " + workload.service()).containsAll(needed);
      runsAs(pod(deployments, Workloads.name(workload)), user.getMetadata().getName());
      assertThat(needed)
          .as("no more than " + workload.service() + " needs")
          .containsAll(
              granted.stream()
                  .filter(g -> !g.endsWith(":Describe"))
                  .filter(
                      g ->
                          !g.startsWith("group:")
                              || !channels.groupPrefixes().contains(g.split(":")[1]))
                  .collect(Collectors.toSet()));
    }

    theOperatorHangsTogether(deployments);
  }

  private void apply(InputStream yaml) {
    for (HasMetadata resource : client.load(yaml).items()) {
      // the CRD is cluster-scoped: another overlay may have applied it already
      client.resource(resource).inNamespace(namespace).createOr(NonDeletingOperation::update);
    }
  }

  /**
   * The operator: runs the image its pom builds, alone (one replica, Recreate), as a ServiceAccount
   * a RoleBinding binds to a Role of the same namespace that grants exactly what the reconciler
   * calls; as a KafkaUser that may do what the client does and read the topics its watch follows;
   * with the shared claim read-only where FINESYNTH_SHARED says. The CRD is applied.
   */
  private void theOperatorHangsTogether(List<Deployment> deployments) throws IOException {
    Deployment deployment =
        deployments.stream()
            .filter(d -> d.getMetadata().getName().equals(OperatorWorkload.NAME))
            .findFirst()
            .orElseThrow();
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
    assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(pod.getContainers().get(0).getImage())
        .isIn(builtImages())
        .startsWith("finesynth/operator:");

    String account = pod.getServiceAccountName();
    assertThat(client.serviceAccounts().inNamespace(namespace).withName(account).get())
        .as("ServiceAccount %s", account)
        .isNotNull();
    List<RoleBinding> bindings =
        client.rbac().roleBindings().inNamespace(namespace).list().getItems().stream()
            .filter(
                b ->
                    b.getSubjects().stream()
                        .anyMatch(
                            subject ->
                                subject.getKind().equals("ServiceAccount")
                                    && subject.getName().equals(account)
                                    && (subject.getNamespace() == null
                                        || subject.getNamespace().equals(namespace))))
            .toList();
    assertThat(bindings).as("RoleBindings of %s", account).singleElement();
    var roleRef = bindings.get(0).getRoleRef();
    assertThat(roleRef.getApiGroup()).isEqualTo("rbac.authorization.k8s.io");
    assertThat(roleRef.getKind()).isEqualTo("Role");
    Role role = client.rbac().roles().inNamespace(namespace).withName(roleRef.getName()).get();
    assertThat(role).as("Role %s in %s", roleRef.getName(), namespace).isNotNull();
    Map<String, Set<String>> granted = new TreeMap<>();
    for (var rule : role.getRules()) {
      assertThat(rule.getResourceNames()).as("rules for any name").isNullOrEmpty();
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          granted
              .computeIfAbsent(group + "/" + resource, r -> new TreeSet<>())
              .addAll(rule.getVerbs());
        }
      }
    }
    Map<String, Set<String>> needed = new TreeMap<>();
    // the informer; the finalizer's edit
    needed.put("finesynth.dev/synthesisruns", Set.of("get", "list", "watch", "update", "patch"));
    // updateStatus
    needed.put("finesynth.dev/synthesisruns/status", Set.of("get", "update", "patch"));
    // a ConfigMap input, read by name
    needed.put("/configmaps", Set.of("get"));
    if (granted.containsKey("finesynth.dev/synthesisruns/finalizers")) {
      needed.put("finesynth.dev/synthesisruns/finalizers", Set.of("update"));
    }
    assertThat(granted).as("the operator's Role").isEqualTo(needed);

    runsAs(pod, KafkaUsers.OPERATOR);
    var users = custom("kafka.strimzi.io/v1", "KafkaUser");
    Set<String> acls = granted(users, KafkaUsers.OPERATOR);
    assertThat(acls)
        .as("the operator starts and cancels runs as the client does")
        .containsAll(granted(users, KafkaUsers.CLIENT));
    assertThat(acls)
        .as("its watch follows runs, run-events, metrics and models; corpusId inputs are counted")
        .contains(
            "topic:runs:Read",
            "topic:run-events:Read",
            "topic:metrics:Read",
            "topic:models:Read",
            "topic:corpus:Read")
        .noneMatch(acl -> acl.startsWith("group:"));

    var container = pod.getContainers().get(0);
    var shared =
        container.getVolumeMounts().stream()
            .filter(m -> m.getName().equals("shared"))
            .findFirst()
            .orElseThrow();
    assertThat(shared.getReadOnly()).as("the shared volume is read-only to the operator").isTrue();
    assertThat(container.getEnv())
        .anySatisfy(
            env -> {
              assertThat(env.getName()).isEqualTo("FINESYNTH_SHARED");
              assertThat(env.getValue()).isEqualTo(shared.getMountPath());
            });

    var crd =
        client
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .withName(SynthesisRunCrd.NAME)
            .get();
    assertThat(crd).as("the SynthesisRun CRD is applied").isNotNull();
    assertThat(crd.getSpec().getVersions())
        .singleElement()
        .satisfies(
            version -> {
              assertThat(version.getName()).isEqualTo(SynthesisRun.VERSION);
              assertThat(version.getSubresources().getStatus()).isNotNull();
              assertThat(version.getAdditionalPrinterColumns())
                  .extracting(c -> c.getName())
                  .containsExactly("Phase", "Progress", "NDCG@10 base", "NDCG@10 tuned", "Age");
            });
  }

  /**
   * The sample applies next to an overlay: its SynthesisRun's ConfigMap keys are in the sample's
   * ConfigMap, and its evaluation folder is on the shared volume where the operator mounts it.
   */
  @Test
  void theSampleNamesWhatItBrings() throws Exception {
    namespace = "finesynth-sample";
    apply(render("local"));
    try (var sample = Files.newInputStream(ROOT.resolve("deploy/samples/synthesisrun.yaml"))) {
      apply(sample);
    }
    var runs = custom(SynthesisRun.GROUP + "/" + SynthesisRun.VERSION, "SynthesisRun");
    assertThat(runs).isNotEmpty();
    for (var run : runs) {
      for (String input : List.of("queries", "corpus")) {
        @SuppressWarnings("unchecked")
        var ref = (Map<String, String>) spec(run, input).get("configMap");
        var map = client.configMaps().inNamespace(namespace).withName(ref.get("name")).get();
        assertThat(map).as("ConfigMap %s", ref.get("name")).isNotNull();
        assertThat(map.getData()).containsKey(ref.get("key"));
      }
      assertThat((String) spec(run, "evaluation").get("path")).startsWith(Workloads.SHARED + "/");
    }
  }

  private static PodSpec pod(List<Deployment> deployments, String name) {
    return deployments.stream()
        .filter(d -> d.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow()
        .getSpec()
        .getTemplate()
        .getSpec();
  }

  /** The pod runs as this KafkaUser: its secret is mounted where FINESYNTH_KAFKA_USER_DIR says. */
  private static void runsAs(PodSpec pod, String user) {
    assertThat(pod.getVolumes())
        .anySatisfy(
            volume -> {
              assertThat(volume.getName()).isEqualTo("kafka-user");
              assertThat(volume.getSecret().getSecretName()).isEqualTo(user);
            });
    var container = pod.getContainers().get(0);
    assertThat(container.getVolumeMounts())
        .anySatisfy(
            mount -> {
              assertThat(mount.getName()).isEqualTo("kafka-user");
              assertThat(container.getEnv())
                  .anySatisfy(
                      env -> {
                        assertThat(env.getName()).isEqualTo("FINESYNTH_KAFKA_USER_DIR");
                        assertThat(env.getValue()).isEqualTo(mount.getMountPath());
                      });
            });
  }

  /** {@code type:name:operation} of each ACL of the KafkaUser {@code name}, names unprefixed. */
  private static Set<String> granted(List<GenericKubernetesResource> users, String name) {
    var user =
        users.stream()
            .filter(u -> u.getMetadata().getName().equals(name))
            .findFirst()
            .orElseThrow();
    Set<String> granted = new TreeSet<>();
    for (Map<String, Object> acl :
        list(user.getAdditionalProperties(), "spec", "authorization", "acls")) {
      @SuppressWarnings("unchecked")
      var resource = (Map<String, String>) acl.get("resource");
      @SuppressWarnings("unchecked")
      var operations = (List<String>) acl.get("operations");
      operations.forEach(
          op ->
              granted.add(
                  resource.get("type") + ":" + unprefixed(resource.get("name")) + ":" + op));
    }
    return granted;
  }

  private static ByteArrayInputStream render(String overlay) throws Exception {
    Process kubectl =
        new ProcessBuilder(
                "kubectl", "kustomize", ROOT.resolve("deploy/overlays/" + overlay).toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    byte[] yaml = kubectl.getInputStream().readAllBytes();
    assertThat(kubectl.waitFor()).as("kubectl kustomize " + overlay).isZero();
    return new ByteArrayInputStream(yaml);
  }

  private List<GenericKubernetesResource> custom(String apiVersion, String kind) {
    return client
        .genericKubernetesResources(apiVersion, kind)
        .inNamespace(namespace)
        .list()
        .getItems();
  }

  /**
   * The images the build makes ({@code -Pimages}): {@code
   * finesynth/<finesynth.image.name>:<version>} of every module whose pom turns its image on.
   */
  private static Set<String> builtImages() throws IOException {
    String version = System.getProperty("finesynth.version", "0.1.0-SNAPSHOT");
    Pattern name = Pattern.compile("<finesynth.image.name>([^<]+)</finesynth.image.name>");
    Set<String> images = new TreeSet<>();
    try (var modules = Files.list(ROOT)) {
      for (Path pom :
          modules.map(m -> m.resolve("pom.xml")).filter(Files::isRegularFile).toList()) {
        String text = Files.readString(pom);
        Matcher matcher = name.matcher(text);
        if (matcher.find() && text.contains("<finesynth.image.skip>false</finesynth.image.skip>")) {
          images.add("finesynth/" + matcher.group(1) + ":" + version);
        }
      }
    }
    return images;
  }

  private static String serviceOf(String deployment) {
    return deployment.substring("finesynth-".length());
  }

  private static String unprefixed(String name) {
    assertThat(name).startsWith("finesynth.");
    return name.substring("finesynth.".length());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource resource, String field) {
    return (Map<String, Object>)
        ((Map<String, Object>) resource.getAdditionalProperties().get("spec")).get(field);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Map<String, Object> root, String... path) {
    Object node = root;
    for (String field : path) {
      node = ((Map<String, Object>) node).get(field);
    }
    return (List<Map<String, Object>>) node;
  }
}
