package dev.finesynth.cli.stack;

import dev.finesynth.contracts.kafka.KafkaConnection;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * The local stack for one command: reuses a running broker and services, starts what is missing,
 * and on close stops only what it started (unless told to keep it).
 */
public final class StackSession implements AutoCloseable {
  private final LocalStack stack;
  private final String bootstrapServers;
  private final boolean startedBroker;
  private final boolean keep;
  private final PrintWriter out;

  private StackSession(
      LocalStack stack,
      String bootstrapServers,
      boolean startedBroker,
      boolean keep,
      PrintWriter out) {
    this.stack = stack;
    this.bootstrapServers = bootstrapServers;
    this.startedBroker = startedBroker;
    this.keep = keep;
    this.out = out;
  }

  public static StackSession open(java.nio.file.Path root, boolean keep, PrintWriter out)
      throws Exception {
    return open(root, new ReplicaOptions(), keep, out);
  }

  /** {@link #open(java.nio.file.Path, boolean, PrintWriter)} with these instances per service. */
  public static StackSession open(
      java.nio.file.Path root, ReplicaOptions replicas, boolean keep, PrintWriter out)
      throws Exception {
    return open(
        root,
        root.resolve(".finesynth"),
        LocalStack.DEFAULT_BASE_PORT,
        replicas,
        keep,
        null,
        java.util.List.of(),
        out);
  }

  /**
   * The same, with the stack's state in {@code state}, its services on ports from basePort, and
   * each service in its podman container from {@code finesynth/<name>:<imageVersion>} unless {@code
   * imageVersion} is null ({@link LocalStack#withContainers}), seeing {@code readOnlyMounts}
   * read-only at their own paths.
   */
  public static StackSession open(
      java.nio.file.Path root,
      java.nio.file.Path state,
      int basePort,
      ReplicaOptions replicas,
      boolean keep,
      String imageVersion,
      java.util.List<java.nio.file.Path> readOnlyMounts,
      PrintWriter out)
      throws Exception {
    LocalStack stack = replicas.applyTo(new LocalStack(root, state, basePort, System.out));
    if (imageVersion != null) {
      stack.withContainers(imageVersion).withReadOnlyMounts(readOnlyMounts);
    }
    var running = stack.bootstrapServers();
    String kafka = running.isPresent() ? running.get() : stack.startBroker(0);
    out.println(
        "[finesynth] Kafka at "
            + kafka
            + "; starting the services (the first start loads the models)...");
    out.flush();
    stack.startServices(kafka, Duration.ofMinutes(5));
    return new StackSession(stack, kafka, running.isEmpty(), keep, out);
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The broker as the CLI's user reaches it: plaintext, or {@code finesynth-client} if secured. */
  public KafkaConnection connection() {
    return stack
        .secrets()
        .map(secrets -> secrets.connection(bootstrapServers, secrets.user(BrokerSecrets.CLIENT)))
        .orElseGet(() -> KafkaConnection.plaintext(bootstrapServers));
  }

  public LocalStack stack() {
    return stack;
  }

  @Override
  public void close() throws Exception {
    if (keep) {
      out.println("[finesynth] the stack keeps running; stop it with ./finesynth down");
    } else if (startedBroker) {
      stack.stopAll();
    }
    out.flush();
  }
}
