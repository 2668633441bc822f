package dev.finesynth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.finesynth.cli.stack.LocalStack;
import dev.finesynth.operator.resource.CorpusSource;
import dev.finesynth.operator.resource.InputSource;
import dev.finesynth.operator.resource.SynthesisRun;
import dev.finesynth.operator.resource.SynthesisRunSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The images {@code ./finesynth images --load} builds (.ci/run builds them): each service image
 * answers {@code /q/health/live} as UID 10001 on a read-only root, the CLI image prints its help,
 * the operator image gets ready on an API server (fabric8's mock) and reconciles a SynthesisRun,
 * and {@code ./finesynth demo --containers} runs the sample with every service in its container and
 * prints the before/after table. Skipped only where podman is absent.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@EnableKubernetesMockClient(crud = true)
class ContainersIT {
  static KubernetesMockServer apiServer;
  static KubernetesClient kubernetes;

  private static final Map<String, Integer> SERVICES =
      Map.of("miner", 8081, "scorer", 8082, "trainer", 8083, "evaluator", 8084);
  private static final int BASE_PORT = 18281;
  private static final String TOPIC_PREFIX = "it-containers-" + ProcessHandle.current().pid() + ".";
  private static final String VERSION = LocalStack.defaultImageVersion();
  private static final Path ROOT =
      Path.of(System.getProperty("dev.finesynth.root", "..")).toAbsolutePath().normalize();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir static Path temp;

  @BeforeAll
  static void podmanAndImages() throws Exception {
    assumeTrue(
        onPath("podman"),
        "podman is not installed: skipping the container tests (.ci/run installs it and builds"
            + " the images with ./finesynth images --load)");
    for (String image : List.of("miner", "scorer", "trainer", "evaluator", "cli", "operator")) {
      String ref = "finesynth/" + image + ":" + VERSION;
      assertThat(podman(60, "image", "exists", ref).code)
          .as("image %s is not loaded; build it with ./finesynth images --load", ref)
          .isZero();
    }
  }

  @Test
  @Order(1)
  void cliImagePrintsHelp() throws Exception {
    Result help = podman(120, "run", "--rm", "--read-only", "--network", "none", cli(), "--help");
    assertThat(help.code).as(help.output).isZero();
    assertThat(help.output).contains("Usage:").contains("demo");
  }

  @Test
  @Order(2)
  void everyServiceImageIsLive() throws Exception {
    String broker = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9");
    List<String> names = new ArrayList<>();
    try {
      int i = 0;
      for (var service : SERVICES.entrySet()) {
        int port = BASE_PORT + 100 + i++;
        String name = "finesynth-it-" + service.getKey() + "-" + ProcessHandle.current().pid();
        names.add(name);
        startContainer(
            name,
            "finesynth/" + service.getKey() + ":" + VERSION,
            List.of("--tmpfs", "/var/lib/finesynth:rw,mode=1777"),
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                broker,
                "JAVA_OPTS",
                "-Xmx512m -Dquarkus.http.port="
                    + port
                    + " -Dquarkus.http.host=127.0.0.1 -Dfinesynth.rest.auth.enabled=false"
                    + " -Dfinesynth.topic-prefix="
                    + TOPIC_PREFIX));
        awaitLive(service.getKey(), port, name);
      }
    } finally {
      for (String name : names) {
        podman(60, "rm", "-f", name);
      }
    }
  }

  @Test
  @Order(3)
  void operatorImageGetsReadyAndReconcilesOnAnApiServer() throws Exception {
    apiServer.expectCustomResource(SynthesisRun.definitionContext());
    String broker = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9");
    int port = BASE_PORT + 190;
    String name = "finesynth-it-operator-" + ProcessHandle.current().pid();
    try {
      startContainer(
          name,
          "finesynth/operator:" + VERSION,
          List.of(),
          Map.of(
              "KAFKA_BOOTSTRAP_SERVERS",
              broker,
              "FINESYNTH_TOPIC_PREFIX",
              TOPIC_PREFIX,
              "FINESYNTH_OPERATOR_PORT",
              Integer.toString(port),
              // the mock API server in place of the pod's service account
              "KUBERNETES_MASTER",
              kubernetes.getMasterUrl().toString(),
              "KUBERNETES_TRUST_CERTIFICATES",
              "true",
              "KUBERNETES_NAMESPACE",
              "finesynth",
              "KUBERNETES_AUTH_TRYKUBECONFIG",
              "false",
              "KUBERNETES_AUTH_TRYSERVICEACCOUNT",
              "false"));
      awaitStatus("operator", port, "/q/health/ready", name);

      // a resource whose ConfigMap is not there yet: the operator says so in its status
      SynthesisRunSpec spec = new SynthesisRunSpec();
      spec.queries = InputSource.configMap("not-yet", "queries.jsonl");
      spec.corpus = new CorpusSource();
      spec.corpus.corpusId = "corpus-none";
      SynthesisRun waiting = SynthesisRun.of("finesynth", "waiting", spec);
      kubernetes.resource(waiting).create();
      var resource =
          kubernetes.resources(SynthesisRun.class).inNamespace("finesynth").withName("waiting");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline
          && (resource.get().getStatus() == null || resource.get().getStatus().reason == null)) {
        Thread.sleep(500);
      }
      assertThat(resource.get().getStatus().reason)
          .as(podman(30, "logs", name).output)
          .contains("ConfigMap finesynth/not-yet not found");
    } finally {
      podman(60, "rm", "-f", name);
    }
  }

  @Test
  @Order(4)
  void demoRunsOnContainers() throws Exception {
    // the launcher, as a user runs it: it sets FINESYNTH_HOME and CONTAINERS_CONF
    ProcessBuilder builder =
        new ProcessBuilder(
                ROOT.resolve("finesynth").toString(),
                "demo",
                "--containers",
                "--image-version",
                VERSION,
                "--epochs",
                "1",
                // a third of the sample's queries: the containers' run has to end, not to score
                "--sample",
                SampleRuns.subset(temp.resolve("sample"), 30, 30).toString(),
                "--state",
                temp.resolve("stack").toString(),
                "--base-port",
                Integer.toString(BASE_PORT))
            .directory(ROOT.toFile())
            .redirectErrorStream(true);
    Process demo = builder.start();
    String printed = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(demo.waitFor(25, TimeUnit.MINUTES)).isTrue();
    int code = demo.exitValue();
    assertThat(code).as(printed).isZero();
    // the before/after table, with the base model's and the trained model's metrics
    assertThat(printed).containsPattern("metric +base +epoch 1 +delta");
    assertThat(printed).containsPattern("(?m)^ndcg@10 +[0-9.]+ +[0-9.]+ +[-+][0-9.]+$");
    assertThat(printed).contains("[demo] run:").contains("FINISHED");
    // every container is gone afterwards
    Result left = podman(30, "ps", "-a", "--format", "{{.Names}}");
    for (String service : SERVICES.keySet()) {
      assertThat(left.output).doesNotContain("finesynth-" + service + "-0-");
    }
  }

  /**
   * Starts {@code image} detached on the host network, read-only but for {@code /tmp}, as 10001.
   */
  private static void startContainer(
      String name, String image, List<String> options, Map<String, String> env) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "-d",
                "--rm",
                "--name",
                name,
                "--network",
                "host",
                "--read-only",
                "--tmpfs",
                "/tmp:rw,mode=1777"));
    args.addAll(options);
    env.forEach((key, value) -> args.addAll(List.of("-e", key + "=" + value)));
    args.add(image);
    Result run = podman(120, args.toArray(String[]::new));
    assertThat(run.code).as(run.output).isZero();
    Result user = podman(30, "inspect", "--format", "{{.Config.User}}", name);
    assertThat(user.output.trim()).isEqualTo("10001:10001");
  }

  private static void awaitLive(String service, int port, String container) throws Exception {
    awaitStatus(service, port, "/q/health/live", container);
  }

  private static void awaitStatus(String service, int port, String path, String container)
      throws Exception {
    HttpRequest live =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(2))
            .build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    int status = -1;
    while (System.nanoTime() < deadline) {
      try {
        status = HTTP.send(live, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        service
            + " image not answering "
            + path
            + " in 120 s (last status "
            + status
            + "): "
            + podman(30, "logs", container).output);
  }

  private static String cli() {
    return "finesynth/cli:" + VERSION;
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  private record Result(int code, String output) {}

  private static Result podman(int timeoutSeconds, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("podman"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (System.getenv("CONTAINERS_CONF") == null) {
      builder
          .environment()
          .put("CONTAINERS_CONF", ROOT.resolve("images/containers.conf").toString());
    }
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return new Result(-1, "timed out: " + command);
    }
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }
}
