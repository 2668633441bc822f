package dev.finesynth.cli.stack;

import java.nio.file.Path;

/**
 * One finesynth service as the local stack runs it.
 *
 * @param name short name: miner, scorer, trainer, evaluator
 * @param port HTTP port of its REST, health and metrics endpoints
 * @param maxHeap the {@code -Xmx} it starts with
 */
public record ServiceProcess(String name, int port, String maxHeap) {

  /** The runnable Quarkus application the build leaves in the service's target folder. */
  public Path runner(Path root) {
    return root.resolve(name + "-service/target/quarkus-app/quarkus-run.jar");
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }
}
