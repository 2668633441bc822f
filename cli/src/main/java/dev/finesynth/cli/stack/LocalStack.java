package dev.finesynth.cli.stack;

import java.io.IOException;
import java.io.PrintStream;
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
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The broker and the four services as background processes on this machine, with their logs under
 * {@code .finesynth/logs/} and their process ids under {@code .finesynth/pids/}.
 */
public final class LocalStack {
  public static final List<ServiceProcess> SERVICES =
      List.of(
          new ServiceProcess("miner", 8081, "2g"),
          new ServiceProcess("scorer", 8082, "2g"),
          new ServiceProcess("trainer", 8083, "4g"),
          new ServiceProcess("evaluator", 8084, "2g"));

  private final Path root;
  private final Path state;
  private final PrintStream out;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  public LocalStack(Path root, PrintStream out) {
    this.root = root;
    this.state = root.resolve(".finesynth");
    this.out = out;
  }

  /** Starts the local broker unless one runs already; returns its bootstrap address. */
  public String startBroker(int port) throws IOException, InterruptedException {
    String address =
        run(
            List.of(
                root.resolve("broker/kafka-broker.sh").toString(),
                "start",
                "--dir",
                state.resolve("broker").toString(),
                "--port",
                Integer.toString(port)));
    Files.writeString(state.resolve("bootstrap"), address);
    return address;
  }

  /** Starts every service that is not running yet, then waits until all report ready. */
  public void startServices(String bootstrapServers, Duration timeout)
      throws IOException, InterruptedException {
    Files.createDirectories(state.resolve("logs"));
    Files.createDirectories(state.resolve("pids"));
    for (ServiceProcess service : SERVICES) {
      if (pid(service).isPresent()) {
        continue;
      }
      Path runner = service.runner(root);
      if (!Files.exists(runner)) {
        throw new IllegalStateException(
            runner + " is missing; build the project first: ./mvnw -q install -DskipTests");
      }
      List<String> command = new ArrayList<>(List.of("java", "-Xmx" + service.maxHeap()));
      String extra = System.getenv("FINESYNTH_" + service.name().toUpperCase() + "_JAVA_OPTS");
      if (extra != null && !extra.isBlank()) {
        command.addAll(List.of(extra.trim().split("\\s+")));
      }
      command.addAll(
          List.of(
              "-Dkafka.bootstrap.servers=" + bootstrapServers,
              "-Dquarkus.http.port=" + service.port(),
              "-Dfinesynth.home=" + root,
              "-jar",
              runner.toString()));
      Path log = state.resolve("logs/" + service.name() + ".log");
      Process process =
          new ProcessBuilder(command)
              .directory(root.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      Files.writeString(pidFile(service), Long.toString(process.pid()));
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    for (ServiceProcess service : SERVICES) {
      awaitReady(service, deadline);
      out.printf(
          "%-10s %s  (health %s/q/health/ready, metrics %s/q/metrics, log %s)%n",
          service.name(),
          service.url(),
          service.url(),
          service.url(),
          root.relativize(state.resolve("logs/" + service.name() + ".log")));
    }
  }

  /** Stops every service and the broker this stack started; returns how many processes stopped. */
  public int stopAll() throws IOException, InterruptedException {
    int stopped = 0;
    for (ServiceProcess service : SERVICES) {
      Optional<ProcessHandle> process = pid(service).flatMap(ProcessHandle::of);
      if (process.isPresent()) {
        stop(process.get());
        stopped++;
        out.println("stopped " + service.name());
      }
      Files.deleteIfExists(pidFile(service));
    }
    if (Files.exists(state.resolve("broker/pid"))) {
      run(
          List.of(
              root.resolve("broker/kafka-broker.sh").toString(),
              "stop",
              "--dir",
              state.resolve("broker").toString()));
      stopped++;
      out.println("stopped broker");
    }
    Files.deleteIfExists(state.resolve("bootstrap"));
    return stopped;
  }

  private void awaitReady(ServiceProcess service, long deadline) throws InterruptedException {
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create(service.url() + "/q/health/ready"))
            .timeout(Duration.ofSeconds(2))
            .build();
    while (System.nanoTime() < deadline) {
      if (pid(service).flatMap(ProcessHandle::of).isEmpty()) {
        throw new IllegalStateException(
            service.name()
                + " exited during start; see .finesynth/logs/"
                + service.name()
                + ".log");
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        service.name() + " not ready in time; see .finesynth/logs/" + service.name() + ".log");
  }

  private static void stop(ProcessHandle process) {
    process.destroy();
    try {
      process.onExit().get(20, TimeUnit.SECONDS);
    } catch (Exception notStopped) {
      process.destroyForcibly();
    }
  }

  private Optional<Long> pid(ServiceProcess service) {
    try {
      Path file = pidFile(service);
      if (!Files.exists(file)) {
        return Optional.empty();
      }
      long pid = Long.parseLong(Files.readString(file).trim());
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(p -> pid);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private Path pidFile(ServiceProcess service) {
    return state.resolve("pids/" + service.name() + ".pid");
  }

  private String run(List<String> command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String output =
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed");
    }
    return output;
  }
}
