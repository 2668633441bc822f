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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The broker and the four services as background processes on this machine, each service as one or
 * more instances ({@link #withReplicas}), with their logs under {@code <state>/logs/}, their
 * process ids under {@code <state>/pids/} and their data under {@code <state>/data/}. The default
 * state folder is the checkout's {@code .finesynth/}.
 *
 * <p>Instance {@code i} of service {@code k} (miner 0, scorer 1, trainer 2, evaluator 3) has the id
 * {@code <name>-<i>} ({@code miner-0}, {@code miner-1}, ...) and listens on:
 *
 * <ul>
 *   <li>{@code basePort + k} for instance 0, as a one-instance stack always did (8081 to 8084 by
 *       default);
 *   <li>{@code basePort + 10 * i + k} for instance {@code i >= 1} (miner-1 on 8091, scorer-1 on
 *       8092, ..., miner-2 on 8101), so instances never share a port however many there are.
 * </ul>
 *
 * <p>Instance 0 keeps the file names of a one-instance stack, {@code <state>/pids/<name>.pid} and
 * {@code <state>/logs/<name>.log}; instance {@code i >= 1} has {@code <state>/pids/<id>.pid} and
 * {@code <state>/logs/<id>.log}. Every instance gets its own local folder, {@code
 * -Dfinesynth.home=<state>/data/<id>}, the folder all instances share, {@code
 * -Dfinesynth.shared=<state>/data/shared} (datasets, checkpoints, models, reports: {@link
 * #dataDir()}), and its id, {@code -Dfinesynth.instance=<id>}. An instance can be pinned to cores
 * ({@link #withCpuAffinity}): it then starts under {@code taskset -c <cpus>}.
 *
 * <p>With {@link #withContainers} each instance runs instead in its podman container, {@code podman
 * run --rm --network host finesynth/<name>:<version>} (the images {@code ./finesynth images}
 * builds), with the same settings passed as {@code JAVA_OPTS} and its folders mounted at the same
 * paths; the pid file then holds the pid of the {@code podman run} client, and stopping an instance
 * stops and removes its container.
 */
public final class LocalStack {
  /** Default HTTP port of the first service; the others follow. */
  public static final int DEFAULT_BASE_PORT = 8081;

  /** The services in port order, with their heap. */
  private static final Map<String, String> SERVICES =
      orderedMap("miner", "2g", "scorer", "2g", "trainer", "4g", "evaluator", "2g");

  /** Port distance between instance {@code i} and {@code i + 1} of a service (from instance 1). */
  public static final int INSTANCE_PORT_STRIDE = 10;

  private static final Pattern CPU_LIST = Pattern.compile("[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*");
  private static final Pattern PID_FILE = Pattern.compile("([a-z]+)(?:-([0-9]+))?\\.pid");

  private final Path root;
  private final Path state;
  private final int basePort;
  private List<ServiceProcess> services;
  private final PrintStream out;
  private String topicPrefix = dev.finesynth.contracts.topics.Topics.DEFAULT_PREFIX;
  private Map<String, String> environment = Map.of();
  private Map<String, String> cpuAffinity = Map.of();
  private String lastBootstrapServers;
  private String imageVersion;
  private final java.util.Set<String> startedContainers =
      java.util.concurrent.ConcurrentHashMap.newKeySet();
  private Thread containerCleanup;
  private List<Path> readOnlyMounts = List.of();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** The stack of this checkout, state in {@code .finesynth/}, on the default ports. */
  public LocalStack(Path root, PrintStream out) {
    this(root, root.resolve(".finesynth"), DEFAULT_BASE_PORT, out);
  }

  /**
   * A stack with its state in {@code state} and its services on ports from {@code basePort}, one
   * instance of each until {@link #withReplicas} says otherwise.
   */
  public LocalStack(Path root, Path state, int basePort, PrintStream out) {
    this.root = root;
    this.state = state;
    this.basePort = basePort;
    this.out = out;
    this.services = layout(basePort, Map.of());
  }

  /**
   * The instances of a stack on ports from {@code basePort}: for each service in order (miner,
   * scorer, trainer, evaluator), {@code replicas.get(name)} instances (1 where absent), numbered
   * from 0, on the ports the class comment describes.
   */
  public static List<ServiceProcess> layout(int basePort, Map<String, Integer> replicas) {
    for (var entry : replicas.entrySet()) {
      if (!SERVICES.containsKey(entry.getKey())) {
        throw new IllegalArgumentException(
            "no service " + entry.getKey() + "; the services are " + SERVICES.keySet());
      }
      if (entry.getValue() == null || entry.getValue() < 1) {
        throw new IllegalArgumentException(
            entry.getKey() + " needs 1 instance or more: " + entry.getValue());
      }
    }
    List<ServiceProcess> all = new ArrayList<>();
    int k = 0;
    for (var service : SERVICES.entrySet()) {
      int count = replicas.getOrDefault(service.getKey(), 1);
      for (int i = 0; i < count; i++) {
        all.add(new ServiceProcess(service.getKey(), i, port(basePort, k, i), service.getValue()));
      }
      k++;
    }
    return List.copyOf(all);
  }

  /** The port of instance {@code instance} of the {@code serviceIndex}-th service. */
  static int port(int basePort, int serviceIndex, int instance) {
    return instance == 0
        ? basePort + serviceIndex
        : basePort + INSTANCE_PORT_STRIDE * instance + serviceIndex;
  }

  /** {@code replicas} instances of every service. */
  public LocalStack withReplicas(int replicas) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    SERVICES.keySet().forEach(name -> counts.put(name, replicas));
    return withReplicas(counts);
  }

  /** This many instances of each named service; a service not named keeps one. */
  public LocalStack withReplicas(Map<String, Integer> replicas) {
    this.services = layout(basePort, replicas);
    return this;
  }

  /**
   * Starts instances under {@code taskset -c <cpus>}: each key is an instance id ({@code miner-1})
   * or a service name ({@code miner}: all its instances), each value a CPU list as taskset takes it
   * ({@code 0}, {@code 2-3}, {@code 0,4-5}); an id wins over its service's name.
   */
  public LocalStack withCpuAffinity(Map<String, String> cpuAffinity) {
    for (var entry : cpuAffinity.entrySet()) {
      if (!CPU_LIST.matcher(entry.getValue()).matches()) {
        throw new IllegalArgumentException(
            "not a CPU list for " + entry.getKey() + ": " + entry.getValue() + " (e.g. 0,2-3)");
      }
    }
    this.cpuAffinity = Map.copyOf(cpuAffinity);
    return this;
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

  /**
   * Runs every instance in its podman container from the image {@code finesynth/<name>:<version>}
   * instead of as a {@code java -jar} process; containers still running when this JVM exits are
   * removed.
   */
  public LocalStack withContainers(String version) {
    this.imageVersion = version;
    if (containerCleanup == null) {
      containerCleanup = new Thread(this::removeStartedContainers, "finesynth-containers-cleanup");
      Runtime.getRuntime().addShutdownHook(containerCleanup);
    }
    return this;
  }

  /**
   * Folders the containers see read-only at their own paths ({@link #withContainers}): the corpus
   * an evaluation spec names by its host path, for one.
   */
  public LocalStack withReadOnlyMounts(List<Path> folders) {
    this.readOnlyMounts = folders.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    return this;
  }

  /** Whether instances run in podman containers ({@link #withContainers}). */
  public boolean containers() {
    return imageVersion != null;
  }

  /**
   * The image version of {@link #withContainers}: {@code $FINESYNTH_IMAGE_VERSION}, else the CLI's.
   */
  public static String defaultImageVersion() {
    String env = System.getenv("FINESYNTH_IMAGE_VERSION");
    if (env != null && !env.isBlank()) {
      return env.trim();
    }
    try (var in =
        LocalStack.class.getResourceAsStream(
            "/META-INF/maven/dev.finesynth/finesynth-cli/pom.properties")) {
      if (in != null) {
        var properties = new java.util.Properties();
        properties.load(in);
        String version = properties.getProperty("version");
        if (version != null && !version.isBlank()) {
          return version;
        }
      }
    } catch (IOException ignored) {
      // fall back to the version this source belongs to
    }
    return "0.1.0-SNAPSHOT";
  }

  public String topicPrefix() {
    return topicPrefix;
  }

  /** Every instance of every service, service by service. */
  public List<ServiceProcess> services() {
    return services;
  }

  /** Instance 0 of the service {@code name}. */
  public ServiceProcess service(String name) {
    return services.stream()
        .filter(s -> s.name().equals(name) && s.instance() == 0)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no service " + name));
  }

  /** Every instance of the service {@code name}, by instance index. */
  public List<ServiceProcess> instances(String name) {
    List<ServiceProcess> found = services.stream().filter(s -> s.name().equals(name)).toList();
    if (found.isEmpty()) {
      throw new IllegalArgumentException("no service " + name);
    }
    return found;
  }

  /** The instance with this id ({@code miner-1}); a bare service name means its instance 0. */
  public ServiceProcess instance(String id) {
    return services.stream()
        .filter(s -> s.id().equals(id))
        .findFirst()
        .orElseGet(
            () ->
                services.stream()
                    .filter(s -> s.name().equals(id) && s.instance() == 0)
                    .findFirst()
                    .orElseThrow(
                        () ->
                            new IllegalArgumentException(
                                "no instance " + id + "; the instances are " + ids())));
  }

  private List<String> ids() {
    return services.stream().map(ServiceProcess::id).toList();
  }

  /**
   * The folder every instance shares ({@code -Dfinesynth.shared}), where the services keep
   * datasets, checkpoints, models and reports.
   */
  public Path dataDir() {
    return state.resolve("data/shared");
  }

  /** The local folder of one instance ({@code -Dfinesynth.home}): its indexes and caches. */
  public Path home(ServiceProcess service) {
    return state.resolve("data").resolve(service.id());
  }

  /** The CPU list {@code service} is pinned to, if any. */
  public Optional<String> cpuAffinity(ServiceProcess service) {
    return Optional.ofNullable(cpuAffinity.get(service.id()))
        .or(() -> Optional.ofNullable(cpuAffinity.get(service.name())));
  }

  /** Starts the local broker unless one runs already; returns its bootstrap address. */
  public String startBroker(int port) throws IOException, InterruptedException {
    return startBroker(port, false);
  }

  /**
   * {@link #startBroker(int)}, {@code secure}: with TLS, SCRAM and ACLs ({@link BrokerSecrets}),
   * the topics created and the KafkaUsers' ACLs granted, and the CLI's client settings in the state
   * folder. A broker whose storage was made secure stays so.
   */
  public String startBroker(int port, boolean secure) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                brokerScript(), "start", "--dir", brokerDir(), "--port", Integer.toString(port)));
    if (secure) {
      command.add("--secure");
    }
    String address = run(command);
    Files.createDirectories(state);
    Files.writeString(state.resolve("bootstrap"), address);
    Optional<BrokerSecrets> secrets = secrets();
    if (secrets.isEmpty()) {
      forgetClientSettings(); // a plaintext broker in place of a secured one
    } else {
      secrets
          .get()
          .prepare(address, topicPrefix, root.resolve("deploy/base/generated/kafka-users.yaml"));
      secrets.get().writeClientSettings(state, address);
    }
    return address;
  }

  private void forgetClientSettings() throws IOException {
    Files.deleteIfExists(state.resolve("kafka-client.properties"));
    Files.deleteIfExists(state.resolve("kafka-client-tls.properties"));
  }

  /** The secrets of this stack's broker when it is secured. */
  public Optional<BrokerSecrets> secrets() {
    return BrokerSecrets.of(Path.of(brokerDir()));
  }

  /** The REST API keys of the secured stack ({@code state/rest}). */
  public RestKeys restKeys() {
    return new RestKeys(state.resolve("rest"));
  }

  /** What a service's process gets on top of the inherited environment. */
  private Map<String, String> serviceEnvironment(ServiceProcess service) {
    Map<String, String> env = new TreeMap<>();
    secrets().ifPresent(secrets -> env.putAll(secrets.environment(service.name())));
    env.putAll(environment);
    return env;
  }

  /** The address of the broker this stack started, if it runs. */
  public Optional<String> bootstrapServers() throws IOException {
    Path file = state.resolve("bootstrap");
    return Files.exists(file) ? Optional.of(Files.readString(file).trim()) : Optional.empty();
  }

  /** Starts every instance that is not running yet, then waits until all report ready. */
  public void startServices(String bootstrapServers, Duration timeout)
      throws IOException, InterruptedException {
    start(ids(), bootstrapServers, timeout);
    for (ServiceProcess service : services) {
      out.printf(
          "%-11s %s  (health /q/health/ready, metrics /q/metrics, log %s)%n",
          service.id(), service.url(), log(service));
    }
  }

  /**
   * Starts the instance {@code id} ({@code miner-1}; a bare name is instance 0) unless it runs, on
   * this broker, and waits until it reports ready.
   */
  public void start(String id, String bootstrapServers, Duration timeout)
      throws IOException, InterruptedException {
    start(List.of(id), bootstrapServers, timeout);
  }

  /**
   * Starts every instance of {@code ids} that does not run, all at once (so that they start side by
   * side), then waits until each reports ready.
   */
  public void start(List<String> ids, String bootstrapServers, Duration timeout)
      throws IOException, InterruptedException {
    this.lastBootstrapServers = bootstrapServers;
    List<ServiceProcess> started = ids.stream().map(this::instance).toList();
    for (ServiceProcess service : started) {
      if (pid(service).isEmpty()) {
        launch(service, bootstrapServers);
      }
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    for (ServiceProcess service : started) {
      awaitReady(service, deadline);
    }
  }

  /** Stops the instance {@code id} gracefully (SIGTERM: it commits what it has done) if it runs. */
  public void stop(String id) throws IOException {
    ServiceProcess service = instance(id);
    pid(service).flatMap(ProcessHandle::of).ifPresent(LocalStack::stop);
    if (containers()) {
      removeContainer(service.containerName(), false);
    }
    Files.deleteIfExists(pidFile(service));
  }

  /**
   * Stops the instance {@code id} if it runs and starts it again on the broker of the last start
   * (or of {@link #bootstrapServers()}), then waits until it reports ready; after {@link #kill}
   * this brings a crashed instance back.
   */
  public void restart(String id, Duration timeout) throws IOException, InterruptedException {
    ServiceProcess service = instance(id);
    String kafka = lastBootstrapServers;
    if (kafka == null) {
      kafka =
          bootstrapServers()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "no broker known to restart " + service.id() + " on; use start"));
    }
    stop(service.id());
    start(service.id(), kafka, timeout);
  }

  /**
   * Stops every service instance and the broker this stack started; returns how many processes
   * stopped. The broker's storage and the services' data stay, so a later start has every run as it
   * was.
   */
  public int stopAll() throws IOException, InterruptedException {
    return stopAll(false);
  }

  /**
   * {@link #stopAll()}; with {@code purge}, also deletes the broker's storage and the services'
   * data (indexes, datasets, models, reports): every run is forgotten. Every instance with a pid
   * file stops, also those an earlier start with more replicas left.
   */
  public int stopAll(boolean purge) throws IOException, InterruptedException {
    int stopped = 0;
    for (var entry : pidFiles().entrySet()) {
      Optional<ProcessHandle> process = readPid(entry.getValue()).flatMap(ProcessHandle::of);
      if (process.isPresent()) {
        stop(process.get());
        stopped++;
        out.println("stopped " + entry.getKey());
      }
      if (containers()) {
        services.stream()
            .filter(s -> s.id().equals(entry.getKey()))
            .forEach(s -> removeContainer(s.containerName(), false));
      }
      Files.deleteIfExists(entry.getValue());
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
      forgetClientSettings(); // the broker's users and CA go with its storage
      deleteTree(state.resolve("rest"));
      Path data = state.resolve("data");
      deleteTree(data);
      out.println("deleted the broker's storage and " + data);
    }
    return stopped;
  }

  /** Instance id to pid file, for every pid file in {@code <state>/pids/}. */
  private Map<String, Path> pidFiles() throws IOException {
    Map<String, Path> found = new TreeMap<>();
    for (ServiceProcess service : services) {
      if (Files.exists(pidFile(service))) {
        found.put(service.id(), pidFile(service));
      }
    }
    Path pids = state.resolve("pids");
    if (Files.isDirectory(pids)) {
      try (var files = Files.list(pids)) {
        for (Path file : files.toList()) {
          Matcher m = PID_FILE.matcher(file.getFileName().toString());
          if (m.matches()) {
            found.putIfAbsent(m.group(1) + "-" + (m.group(2) == null ? "0" : m.group(2)), file);
          }
        }
      }
    }
    return found;
  }

  /** Deletes this stack's whole state folder (logs, pids, data); call after {@link #stopAll}. */
  public void deleteState() throws IOException {
    deleteTree(state);
  }

  /**
   * Kills one instance at once (SIGKILL), as a crash would (tests of recovery): {@code id} is an
   * instance id ({@code miner-1}) or a service name (its instance 0).
   */
  public void kill(String id) throws IOException {
    ServiceProcess service = instance(id);
    pid(service)
        .flatMap(ProcessHandle::of)
        .ifPresent(
            p -> {
              p.destroyForcibly();
              try {
                p.onExit().get(10, TimeUnit.SECONDS);
              } catch (Exception notYet) {
                // gone soon; the pid file goes now
              }
            });
    if (containers()) {
      removeContainer(service.containerName(), true);
    }
    Files.deleteIfExists(pidFile(service));
  }

  /**
   * The command line that starts {@code service} on this broker: {@code taskset -c <cpus>} where it
   * is pinned, then {@code java} with its heap, its {@code FINESYNTH_<NAME>_JAVA_OPTS}, its port,
   * folders, id and topic prefix.
   */
  public List<String> command(ServiceProcess service, String bootstrapServers) {
    if (containers()) {
      return containerCommand(service, bootstrapServers);
    }
    List<String> command = new ArrayList<>();
    cpuAffinity(service).ifPresent(cpus -> command.addAll(List.of("taskset", "-c", cpus)));
    command.add("java");
    command.addAll(javaSettings(service, bootstrapServers));
    command.addAll(List.of("-jar", service.runner(root).toString()));
    return command;
  }

  /** The JVM options of {@code service}: heap, its extra options, and its settings. */
  private List<String> javaSettings(ServiceProcess service, String bootstrapServers) {
    List<String> options = new ArrayList<>(List.of("-Xmx" + service.maxHeap()));
    String extra = System.getenv("FINESYNTH_" + service.name().toUpperCase() + "_JAVA_OPTS");
    if (extra != null && !extra.isBlank()) {
      options.addAll(List.of(extra.trim().split("\\s+")));
    }
    options.addAll(
        List.of(
            "-Dkafka.bootstrap.servers=" + bootstrapServers,
            "-Dquarkus.http.port=" + service.port(),
            // a local stack is for this machine only
            "-Dquarkus.http.host=127.0.0.1",
            "-Dfinesynth.home=" + home(service),
            "-Dfinesynth.shared=" + dataDir(),
            "-Dfinesynth.instance=" + service.id(),
            "-Dfinesynth.topic-prefix=" + topicPrefix,
            // REST: API keys on a secured stack, else open (it listens on 127.0.0.1 only)
            secrets().isPresent()
                ? "-Dfinesynth.rest.auth.api-keys-file=" + restKeys().keyFile()
                : "-Dfinesynth.rest.auth.enabled=false"));
    return options;
  }

  /**
   * The {@code podman run} that starts {@code service} in its container: host network (it listens
   * on 127.0.0.1 like a process would), read-only root, a writable {@code /tmp}, its folders and
   * the shared one mounted at their own paths, pinned with {@code --cpuset-cpus} where it is
   * pinned, and the settings of {@link #command}'s {@code java} as {@code JAVA_OPTS}.
   */
  public List<String> containerCommand(ServiceProcess service, String bootstrapServers) {
    List<String> javaOpts = javaSettings(service, bootstrapServers);
    List<String> command =
        new ArrayList<>(
            List.of(
                "podman",
                "run",
                "--rm",
                "--name",
                service.containerName(),
                "--network",
                "host",
                "--read-only",
                "--tmpfs",
                "/tmp:rw,mode=1777",
                "--stop-timeout",
                "20",
                "-v",
                home(service) + ":" + home(service),
                "-v",
                dataDir() + ":" + dataDir()));
    if (secrets().isPresent()) {
      Path keys = restKeys().keyFile().getParent();
      command.addAll(List.of("-v", keys + ":" + keys + ":ro"));
    }
    for (Path folder : readOnlyMounts) {
      command.addAll(List.of("-v", folder + ":" + folder + ":ro"));
    }
    cpuAffinity(service).ifPresent(cpus -> command.addAll(List.of("--cpuset-cpus", cpus)));
    Map<String, String> env = new TreeMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
    env.put("FINESYNTH_HOME", home(service).toString());
    env.put("FINESYNTH_SHARED", dataDir().toString());
    env.put("JAVA_OPTS", String.join(" ", javaOpts));
    env.putAll(serviceEnvironment(service));
    for (var entry : env.entrySet()) {
      command.addAll(List.of("-e", entry.getKey() + "=" + entry.getValue()));
      // folders the settings name (a test's model hub) are seen at the same path
      if (!entry.getKey().equals("JAVA_OPTS")
          && entry.getValue().startsWith("/")
          && Files.isDirectory(Path.of(entry.getValue()))
          && !entry.getValue().equals(home(service).toString())
          && !entry.getValue().equals(dataDir().toString())) {
        command.addAll(List.of("-v", entry.getValue() + ":" + entry.getValue()));
      }
    }
    command.add(service.image(imageVersion));
    return command;
  }

  /** Stops ({@code kill}: at once) and removes a container this stack started; quiet if gone. */
  private void removeContainer(String name, boolean kill) {
    try {
      List<String> rm =
          kill
              ? List.of("podman", "rm", "-f", name)
              : List.of("podman", "rm", "-f", "-t", "20", name);
      Process process =
          podman(rm)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      process.waitFor(40, TimeUnit.SECONDS);
    } catch (IOException e) {
      // podman gone: nothing to remove
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    startedContainers.remove(name);
  }

  /** A podman command, with the checkout's images/containers.conf unless CONTAINERS_CONF is set. */
  private ProcessBuilder podman(List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
    Path conf = root.resolve("images/containers.conf");
    if (System.getenv("CONTAINERS_CONF") == null && Files.exists(conf)) {
      builder.environment().put("CONTAINERS_CONF", conf.toString());
    }
    return builder;
  }

  private void removeStartedContainers() {
    for (String name : List.copyOf(startedContainers)) {
      removeContainer(name, false);
    }
  }

  private void launch(ServiceProcess service, String bootstrapServers) throws IOException {
    if (containers()) {
      launchContainer(service, bootstrapServers);
      return;
    }
    Path runner = service.runner(root);
    if (!Files.exists(runner)) {
      throw new IllegalStateException(
          runner + " is missing; build the project first: ./mvnw -q install -DskipTests");
    }
    Files.createDirectories(state.resolve("logs"));
    Files.createDirectories(state.resolve("pids"));
    Files.createDirectories(home(service));
    Files.createDirectories(dataDir());
    ProcessBuilder builder =
        new ProcessBuilder(command(service, bootstrapServers)).directory(root.toFile());
    // OpenMP threads that spin while waiting starve each other when services share the cores
    builder.environment().putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
    builder.environment().putIfAbsent("DJL_OFFLINE", "true");
    builder.environment().putIfAbsent("OPT_OUT_TRACKING", "true");
    // Quarkus maps this variable over -Dkafka.bootstrap.servers: an inherited one must not win
    builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
    builder.environment().putAll(serviceEnvironment(service));
    Process process =
        builder.redirectErrorStream(true).redirectOutput(log(service).toFile()).start();
    Files.writeString(pidFile(service), Long.toString(process.pid()));
  }

  private void launchContainer(ServiceProcess service, String bootstrapServers) throws IOException {
    Files.createDirectories(state.resolve("logs"));
    Files.createDirectories(state.resolve("pids"));
    Files.createDirectories(home(service));
    Files.createDirectories(dataDir());
    // the image's user (UID 10001) writes to these host folders
    for (Path dir : List.of(home(service), dataDir())) {
      Files.setPosixFilePermissions(
          dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    }
    removeContainer(service.containerName(), true); // one a crashed earlier run left
    ProcessBuilder builder = podman(containerCommand(service, bootstrapServers));
    Process process =
        builder.redirectErrorStream(true).redirectOutput(log(service).toFile()).start();
    startedContainers.add(service.containerName());
    Files.writeString(pidFile(service), Long.toString(process.pid()));
  }

  private void awaitReady(ServiceProcess service, long deadline) throws InterruptedException {
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create(service.url() + "/q/health/ready"))
            .timeout(Duration.ofSeconds(2))
            .build();
    while (System.nanoTime() < deadline) {
      if (pid(service).isEmpty()) {
        throw new IllegalStateException(service.id() + " exited during start; see " + log(service));
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
    throw new IllegalStateException(service.id() + " not ready in time; see " + log(service));
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
    return readPid(pidFile(service));
  }

  private static Optional<Long> readPid(Path file) {
    try {
      if (!Files.exists(file)) {
        return Optional.empty();
      }
      long pid = Long.parseLong(Files.readString(file).trim());
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(p -> pid);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** {@code <state>/pids/<name>.pid} for instance 0, {@code <state>/pids/<id>.pid} for others. */
  public Path pidFile(ServiceProcess service) {
    return state.resolve("pids/" + fileStem(service) + ".pid");
  }

  /** {@code <state>/logs/<name>.log} for instance 0, {@code <state>/logs/<id>.log} for others. */
  public Path log(ServiceProcess service) {
    return state.resolve("logs/" + fileStem(service) + ".log");
  }

  private static String fileStem(ServiceProcess service) {
    return service.instance() == 0 ? service.name() : service.id();
  }

  private static Map<String, String> orderedMap(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(map);
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
