package dev.finesynth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finesynth.cli.stack.BrokerSecrets;
import dev.finesynth.cli.stack.LocalStack;
import dev.finesynth.client.Cluster;
import dev.finesynth.contracts.kafka.KafkaConnection;
import dev.finesynth.contracts.kafka.KafkaSecurity;
import dev.finesynth.contracts.topics.Topics;
import dev.finesynth.testing.KafkaBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The local stack on a secured broker ({@code up --secure}): SASL_SSL with SCRAM and mTLS listeners
 * only, the StandardAuthorizer, each service as its own KafkaUser with the ACLs of the deploy
 * manifests. The sample run finishes; a wrong password, a user without the ACLs and a plaintext
 * client are each refused with the reason.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecureStackIT {
  private static final Path ROOT = KafkaBroker.projectRoot();
  private static Path state;
  private static LocalStack stack;
  private static String bootstrap;
  private static BrokerSecrets secrets;

  @BeforeAll
  static void startSecuredStack() throws Exception {
    state = Files.createTempDirectory("finesynth-secure-");
    stack = new LocalStack(ROOT, state, StackFixture.freePortRun(), System.out);
    Runtime.getRuntime().addShutdownHook(new Thread(SecureStackIT::stopQuietly));
    bootstrap = stack.startBroker(0, true);
    secrets = stack.secrets().orElseThrow();
    try {
      stack.startServices(bootstrap, Duration.ofMinutes(4));
    } catch (IllegalStateException notStarted) {
      for (var service : stack.services()) {
        if (Files.exists(stack.log(service))) {
          System.out.println("--- " + service.id() + "\n" + Files.readString(stack.log(service)));
        }
      }
      throw notStarted;
    }
  }

  @AfterAll
  static void stop() throws Exception {
    stack.stopAll(true);
    stack.deleteState();
  }

  @Test
  @Order(1)
  void aPlaintextClientIsRefused() {
    assertThatThrownBy(() -> Cluster.connect(KafkaConnection.plaintext(bootstrap), "finesynth."))
        .hasMessageContaining("unreachable at " + bootstrap + " (PLAINTEXT as anonymous)");
    var runs = new CliRunner(List.of("--bootstrap-servers", bootstrap)).run("runs");
    assertThat(runs.exitCode()).isNotZero();
    assertThat(runs.err()).contains("unreachable", "--kafka-config");
  }

  @Test
  @Order(2)
  void aWrongPasswordStopsAServiceAtStartNamingTheCause() throws Exception {
    Path user = Files.createDirectories(state.resolve("wrong-password"));
    String jaas = Files.readString(secrets.user("finesynth-miner").resolve("sasl.jaas.config"));
    Files.writeString(
        user.resolve("sasl.jaas.config"), jaas.replaceAll("password=\"[^\"]*\"", "password=\"x\""));

    String log = startAndAwaitExit("miner", user);

    assertThat(log)
        .contains("refused the credentials of user finesynth-miner")
        .contains("invalid credentials");
  }

  @Test
  @Order(3)
  void aUserWithoutTheServicesAclsStopsItAtStartNamingWhatIsMissing() throws Exception {
    String log = startAndAwaitExit("evaluator", secrets.user("finesynth-scorer"));

    assertThat(log)
        .contains("does not let finesynth-scorer")
        .contains("read topic " + Topics.MODELS.qualifiedName("finesynth."))
        .contains("join group finesynth.evaluator-models")
        .contains("kafka-users.yaml");
  }

  @Test
  @Order(4)
  void theSampleRunFinishesWithEachServiceAsItsOwnUser() throws Exception {
    CliRunner cli =
        new CliRunner(
            List.of("--kafka-config", state.resolve("kafka-client.properties").toString()));
    // a third of the sample: what is under test is who may do what, not the figures
    String sample = SampleRuns.subset(state.resolve("sample"), 30, 30).toString();
    var run =
        cli.run(
            "synthesize",
            "--queries",
            sample,
            "--corpus",
            sample,
            "--models",
            "offline-fast",
            "--num-relations",
            "3",
            "--name",
            "secured",
            "--fit",
            "--epochs",
            "1",
            "--eval",
            sample,
            "--wait");
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("status: FINISHED");

    // the CLI over mTLS, as the TLS client user
    var overTls =
        new CliRunner(
                List.of("--kafka-config", state.resolve("kafka-client-tls.properties").toString()))
            .run("status", "secured");
    assertThat(overTls.exitCode()).as(overTls.err()).isZero();
    assertThat(overTls.out()).contains("FINISHED");
  }

  @Test
  @Order(5)
  void kcatReadsTheRunsEventsOverMutualTls() throws Exception {
    var tls = KafkaSecurity.fromUserSecret(secrets.tlsUser(), secrets.clusterCa());
    Process kcat =
        new ProcessBuilder(
                "kcat",
                "-b",
                secrets.tlsBootstrapServers(),
                "-X",
                "security.protocol=SSL",
                "-X",
                "ssl.ca.location=" + secrets.clusterCa(),
                "-X",
                "ssl.keystore.location=" + tls.get("ssl.keystore.location"),
                "-X",
                "ssl.keystore.password=" + tls.get("ssl.keystore.password"),
                "-C",
                "-t",
                Topics.RUN_EVENTS.qualifiedName("finesynth."),
                "-e",
                "-q")
            .redirectErrorStream(true)
            .start();
    String out = new String(kcat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(kcat.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(kcat.exitValue()).as(out).isZero();
    assertThat(out).contains("\"FINISHED\"");
  }

  @Test
  @Order(6)
  void restActionsTakeAnOperatorAndReadsAViewer() throws Exception {
    var keys = stack.restKeys();
    assertThat(call("trainer", "GET", "/runs", null).statusCode()).isEqualTo(401);
    assertThat(call("trainer", "POST", "/runs/secured/cancel", null).statusCode()).isEqualTo(401);
    assertThat(call("trainer", "POST", "/runs/secured/cancel", "not-a-key").statusCode())
        .isEqualTo(401);
    assertThat(call("trainer", "POST", "/runs/secured/cancel", keys.viewer()).statusCode())
        .isEqualTo(403);
    assertThat(call("trainer", "POST", "/runs", keys.viewer()).statusCode()).isEqualTo(403);

    // the trainer answers from the topics as its own KafkaUser
    var runs = call("trainer", "GET", "/runs", keys.viewer());
    assertThat(runs.statusCode()).isEqualTo(200);
    assertThat(runs.body()).contains("\"secured\"", "FINISHED");
    String runId = runs.body().replaceAll(".*\"runId\":\"([^\"]+)\".*", "$1");
    assertThat(call("evaluator", "GET", "/reports/" + runId, null).statusCode()).isEqualTo(401);
    assertThat(call("evaluator", "GET", "/reports/" + runId, keys.viewer()).statusCode())
        .isEqualTo(200);
    // past the role check: the run has ended, so there is nothing to cancel
    var cancel = call("trainer", "POST", "/runs/secured/cancel", keys.operator());
    assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(409);
    assertThat(cancel.body()).contains("has already ended: FINISHED");
    // health and metrics stay open for probes and scrapers
    assertThat(call("trainer", "GET", "/q/health/ready", null).statusCode()).isEqualTo(200);
  }

  private static java.net.http.HttpResponse<String> call(
      String service, String method, String path, String apiKey) throws Exception {
    var request =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(stack.service(service).url() + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                method.equals("GET")
                    ? java.net.http.HttpRequest.BodyPublishers.noBody()
                    : java.net.http.HttpRequest.BodyPublishers.ofString("{}"));
    if (apiKey != null) {
      request.header("X-API-Key", apiKey);
    }
    return java.net.http.HttpClient.newHttpClient()
        .send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  /** Starts one more instance of {@code service} as the user of {@code userSecret}; its output. */
  private static String startAndAwaitExit(String service, Path userSecret) throws Exception {
    Path log = state.resolve(service + "-refused.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                "java",
                "-Xmx512m",
                "-Dkafka.bootstrap.servers=" + bootstrap,
                "-Dquarkus.http.port=0",
                "-Dfinesynth.rest.auth.api-keys-file=" + stack.restKeys().keyFile(),
                "-Dquarkus.http.host=127.0.0.1",
                "-Dfinesynth.home=" + Files.createDirectories(state.resolve(service + "-refused")),
                "-jar",
                stack.service(service).runner(ROOT).toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder
        .environment()
        .putAll(
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                bootstrap,
                KafkaSecurity.USER_DIR_ENV,
                userSecret.toString(),
                KafkaSecurity.CA_ENV,
                secrets.clusterCa().toString(),
                "FINESYNTH_TOPICS_CREATE",
                "false",
                "DJL_OFFLINE",
                "true"));
    Process process = builder.start();
    boolean exited = process.waitFor(2, TimeUnit.MINUTES);
    if (!exited) {
      process.destroyForcibly();
    }
    assertThat(exited).as("the service stops by itself").isTrue();
    assertThat(process.exitValue()).isNotZero();
    return Files.readString(log);
  }

  private static void stopQuietly() {
    try {
      stack.stopAll(true);
    } catch (IOException | InterruptedException | RuntimeException ignored) {
      // best effort at exit
    }
  }
}
