package dev.finesynth.cli.stack;

import java.nio.file.Path;

/**
 * One instance of a finesynth service as the local stack runs it.
 *
 * @param name short name of the service: miner, scorer, trainer, evaluator
 * @param instance 0-based index of this instance among the service's replicas
 * @param port HTTP port of its REST, health and metrics endpoints
 * @param maxHeap the {@code -Xmx} it starts with
 */
public record ServiceProcess(String name, int instance, int port, String maxHeap) {

  public ServiceProcess {
    if (instance < 0) {
      throw new IllegalArgumentException("instance must be 0 or more: " + instance);
    }
  }

  /** Instance 0 of a service. */
  public ServiceProcess(String name, int port, String maxHeap) {
    this(name, 0, port, maxHeap);
  }

  /** The instance id, {@code <name>-<instance>}: {@code miner-0}, {@code miner-1}, ... */
  public String id() {
    return name + "-" + instance;
  }

  /** The runnable Quarkus application the build leaves in the service's target folder. */
  public Path runner(Path root) {
    return root.resolve(name + "-service/target/quarkus-app/quarkus-run.jar");
  }

  /** Its image as {@code ./finesynth images} builds it: {@code finesynth/<name>:<version>}. */
  public String image(String version) {
    return "finesynth/" + name + ":" + version;
  }

  /** The container's name when the stack runs it in podman: {@code finesynth-<id>-<port>}. */
  public String containerName() {
    return "finesynth-" + id() + "-" + port;
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }
}
