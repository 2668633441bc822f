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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The broker and the four services as background processes on this machine, with their logs under
 * {@code <state>/logs/}, their process ids under {@code <state>/pids/} and their data under {@code
 * <state>/data/}. The default state folder is the checkout's {@code .finesynth/}.
 */
public final class LocalStack {
  /** Default HTTP port of the first service; the others follow. */
  public static final int DEFAULT_BASE_PORT = 8081;

  private final Path root;
  private final Path state;
  private final List<ServiceProcess> services;
  private final PrintStream out;
  private String topicPrefix = dev.finesynth.contracts.topics.Topics.DEFAULT_PREFIX;
  private Map<String, String> environment = Map.of();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** The stack of this checkout, state in {@code .finesynth/}, on the default ports. */
  public LocalStack(Path root, PrintStream out) {
    this(root, root.resolve(".finesynth"), DEFAULT_BASE_PORT, out);
  }

  /** A stack with its state in {@code state} and its services on ports from {@code basePort}. */
  public LocalStack(Path root, Path state, int basePort, PrintStream out) {
    this.root = root;
    this.state = state;
    this.out = out;
    this.services =
        List.of(
            new ServiceProcess("miner", basePort, "2g"),
            new ServiceProcess("scorer", basePort + 1, "2g"),
            new ServiceProcess("trainer", basePort + 2, "4g"),
            new ServiceProcess("evaluator", basePort + 3, "2g"));
  }

  /** Runs the services on topics under this prefix (tests isolate themselves this way). */
  public LocalStack withTopicPrefix(String prefix) {
    this.topicPrefix = prefix;
    return this;
  }

  /**
   * Adds these variables to the services' environment, over the inherited ones and the defaults
   * (tests point {@code HF_ENDPOINT} and {@code HF_HUB_CACHE} at their own hub this way).
   */
  public LocalStack withEnvironment(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
    return this;
  }

  public String topicPrefix() {
    return topicPrefix;
  }

  public List<ServiceProcess> services() {
    return services;
  }

  public ServiceProcess service(String name) {
    return services.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  /** Where the services keep their data: indexes, datasets, models, reports. */
  public Path dataDir() {
    return state.resolve("data");
  }

  /** Starts the local broker unless one runs already; returns its bootstrap address. */
  public String startBroker(int port) throws IOException, InterruptedException {
    String address =
        run(
            List.of(
                brokerScript(), "start", "--dir", brokerDir(), "--port", Integer.toString(port)));
    Files.createDirectories(state);
    Files.writeString(state.resolve("bootstrap"), address);
    return address;
  }

  /** The address of the broker this stack started, if it runs. */
  public Optional<String> bootstrapServers() throws IOException {
    Path file = state.resolve("bootstrap");
    return Files.exists(file) ? Optional.of(Files.readString(file).trim()) : Optional.empty();
  }

  /** Starts every service that is not running yet, then waits until all report ready. */
  public void startServices(String bootstrapServers, Duration timeout)
      throws IOException, InterruptedException {
    Files.createDirectories(state.resolve("logs"));
    Files.createDirectories(state.resolve("pids"));
    for (ServiceProcess service : services) {
      if (pid(service).isEmpty()) {
        start(service, bootstrapServers);
      }
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    for (ServiceProcess service : services) {
      awaitReady(service, deadline);
      out.printf(
          "%-10s %s  (health /q/health/ready, metrics /q/metrics, log %s)%n",
          service.name(), service.url(), log(service));
    }
  }

  /**
   * Stops every service and the broker this stack started; returns how many processes stopped. The
   * broker's storage and the services' data stay, so a later start has every run as it was.
   */
  public int stopAll() throws IOException, InterruptedException {
    return stopAll(false);
  }

  /**
   * {@link #stopAll()}; with {@code purge}, also deletes the broker's storage and the services'
   * data (indexes, datasets, models, reports): every run is forgotten.
   */
  public int stopAll(boolean purge) throws IOException, InterruptedException {
    int stopped = 0;
    for (ServiceProcess service : services) {
      Optional<ProcessHandle> process = pid(service).flatMap(ProcessHandle::of);
      if (process.isPresent()) {
        stop(process.get());
        stopped++;
        out.println("stopped " + service.name());
      }
      Files.deleteIfExists(pidFile(service));
    }
    boolean brokerRunning = Files.exists(state.resolve("broker/pid"));
    if (brokerRunning || purge) { // the script also purges a stopped broker's storage
      List<String> stop = new ArrayList<>(List.of(brokerScript(), "stop", "--dir", brokerDir()));
      if (purge) {
        stop.add("--purge");
      }
      run(stop);
    }
    if (brokerRunning) {
      stopped++;
      out.println("stopped broker");
    }
    Files.deleteIfExists(state.resolve("bootstrap"));
    if (purge) {
      deleteTree(dataDir());
      out.println("deleted the broker's storage and " + dataDir());
    }
    return stopped;
  }

  /** Deletes this stack's whole state folder (logs, pids, data); call after {@link #stopAll}. */
  public void deleteState() throws IOException {
    deleteTree(state);
  }

  /** Kills one service at once, as a crash would (tests of recovery). */
  public void kill(String name) throws IOException {
    pid(service(name)).flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
    Files.deleteIfExists(pidFile(service(name)));
  }

  private void start(ServiceProcess service, String bootstrapServers) throws IOException {
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
            "-Dfinesynth.home=" + dataDir(),
            "-Dfinesynth.topic-prefix=" + topicPrefix,
            "-jar",
            runner.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
    // OpenMP threads that spin while waiting starve each other when services share the cores
    builder.environment().putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
    builder.environment().putIfAbsent("DJL_OFFLINE", "true");
    builder.environment().putIfAbsent("OPT_OUT_TRACKING", "true");
    builder.environment().putAll(environment);
    Process process =
        builder.redirectErrorStream(true).redirectOutput(log(service).toFile()).start();
    Files.writeString(pidFile(service), Long.toString(process.pid()));
  }

  private void awaitReady(ServiceProcess service, long deadline) throws InterruptedException {
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create(service.url() + "/q/health/ready"))
            .timeout(Duration.ofSeconds(2))
            .build();
    while (System.nanoTime() < deadline) {
      if (pid(service).isEmpty()) {
        throw new IllegalStateException(
            service.name() + " exited during start; see " + log(service));
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
    throw new IllegalStateException(service.name() + " not ready in time; see " + log(service));
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

  public Path log(ServiceProcess service) {
    return state.resolve("logs/" + service.name() + ".log");
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private String brokerScript() {
    return root.resolve("broker/kafka-broker.sh").toString();
  }

  private String brokerDir() {
    return state.resolve("broker").toString();
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
