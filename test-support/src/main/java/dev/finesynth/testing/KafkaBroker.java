package dev.finesynth.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The one Kafka broker a test JVM talks to, chosen in this order: {@code KAFKA_BOOTSTRAP_SERVERS}
 * when set (CI starts one), Testcontainers when a Docker engine answers, otherwise the project's
 * own broker process ({@code broker/kafka-broker.sh}). Started once per JVM, stopped at exit.
 */
public final class KafkaBroker {
  private static String bootstrapServers;

  private KafkaBroker() {}

  public static synchronized String bootstrapServers() {
    if (bootstrapServers == null) {
      bootstrapServers = resolve();
    }
    return bootstrapServers;
  }

  private static String resolve() {
    String fromEnv = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    if (dockerAvailable()) {
      KafkaContainer container = new KafkaContainer("apache/kafka-native:3.8.0");
      container.start();
      Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
      return container.getBootstrapServers();
    }
    return startBrokerProcess();
  }

  private static boolean dockerAvailable() {
    boolean socket =
        Files.exists(Path.of("/var/run/docker.sock")) || System.getenv("DOCKER_HOST") != null;
    try {
      return socket && DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String startBrokerProcess() {
    Path script = projectRoot().resolve("broker/kafka-broker.sh");
    try {
      Path dir = Files.createTempDirectory("finesynth-broker-");
      String address = run(script.toString(), "start", "--dir", dir.toString(), "--port", "0");
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(() -> run(script.toString(), "stop", "--dir", dir.toString(), "--purge")));
      return address;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the Kafka broker process", e);
    }
  }

  /** Runs {@code broker/kafka-broker.sh} with {@code args}; returns its standard output. */
  public static String script(String... args) {
    List<String> command = new ArrayList<>();
    command.add(projectRoot().resolve("broker/kafka-broker.sh").toString());
    command.addAll(List.of(args));
    return run(command.toArray(String[]::new));
  }

  private static String run(String... command) {
    try {
      Process process =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String out =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command[0], e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * The repository root: {@code -Ddev.finesynth.root}, else the nearest folder above with broker/.
   */
  public static Path projectRoot() {
    String configured = System.getProperty("dev.finesynth.root");
    if (configured != null) {
      return Path.of(configured);
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("broker/kafka-broker.sh"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("cannot find the project root (broker/kafka-broker.sh)");
    }
    return dir;
  }
}
