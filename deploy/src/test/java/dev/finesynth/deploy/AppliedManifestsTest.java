package dev.finesynth.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finesynth.testing.KafkaBroker;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Applies each rendered overlay to a Kubernetes API server (fabric8's, in CRUD mode) and checks
 * what reads back against what the services really do: Services select Deployments' pods,
 * ScaledObjects target Deployments and consumer groups their service uses, KafkaUsers' ACLs cover
 * their service's topics and groups, and Deployments run the images the build makes.
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
            new String[] {"monitoring.coreos.com", "v1", "PodMonitor", "podmonitors"})) {
      server.expectCustomResource(
          new CustomResourceDefinitionContext.Builder()
              .withGroup(kind[0])
              .withVersion(kind[1])
              .withKind(kind[2])
              .withPlural(kind[3])
              .withScope("Namespaced")
              .build());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "production"})
  void theAppliedOverlayHangsTogether(String overlay) throws Exception {
    namespace = "finesynth-" + overlay;
    for (HasMetadata resource : client.load(render(overlay)).items()) {
      client.resource(resource).inNamespace(namespace).create();
    }
    List<Deployment> deployments =
        client.apps().deployments().inNamespace(namespace).list().getItems();
    assertThat(deployments)
        .extracting(d -> d.getMetadata().getName())
        .containsExactlyInAnyOrderElementsOf(Workload.ALL.stream().map(Workloads::name).toList());

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
      // the pod runs as this user: its secret is the one mounted where FINESYNTH_KAFKA_USER_DIR
      // says
      var pod =
          deployments.stream()
              .filter(d -> d.getMetadata().getName().equals(Workloads.name(workload)))
              .findFirst()
              .orElseThrow()
              .getSpec()
              .getTemplate()
              .getSpec();
      assertThat(pod.getVolumes())
          .anySatisfy(
              volume -> {
                assertThat(volume.getName()).isEqualTo("kafka-user");
                assertThat(volume.getSecret().getSecretName())
                    .isEqualTo(user.getMetadata().getName());
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
