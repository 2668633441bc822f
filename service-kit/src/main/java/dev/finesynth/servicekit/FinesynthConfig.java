package dev.finesynth.servicekit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The {@code finesynth.*} settings every service reads. */
@ConfigMapping(prefix = "finesynth")
public interface FinesynthConfig {
  /** This service's short name: miner, scorer, trainer or evaluator. */
  String service();

  /** Prefix of every topic name, so several deployments can share one cluster. */
  @WithDefault("finesynth.")
  String topicPrefix();

  /**
   * Folder of this instance's own state, a cache it can rebuild: the miner's corpus copy and
   * vectors.
   */
  @WithDefault(".")
  String home();

  /**
   * Folder that every instance of every service reaches (a ReadWriteMany volume in Kubernetes):
   * datasets, training checkpoints, models and evaluation reports. Defaults to {@link #home()},
   * which is right for one instance of each service on one machine.
   */
  Optional<String> shared();

  /**
   * This instance's name on its run events, so that {@code status} and {@code logs} tell which
   * instance did what: the pod name in Kubernetes ({@code HOSTNAME}), else host and process id.
   */
  Optional<String> instance();

  /** The shared folder as a path. */
  default Path sharedFolder() {
    return Path.of(shared().orElse(home()));
  }

  /** The instance name, from the setting or the host and process. */
  default String instanceName() {
    return instance()
        .or(() -> Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank()))
        .orElseGet(() -> service() + "-" + ProcessHandle.current().pid());
  }

  /**
   * How long a run's records wait for its spec or its corpus before the run fails with the reason
   * ({@code finesynth.wait-deadline}).
   */
  @WithDefault("1h")
  Duration waitDeadline();

  /** Records that may wait at once; past that the consumer stops fetching (back-pressure). */
  @WithDefault("20000")
  int waitCapacity();

  Topics topics();

  Events events();

  interface Topics {
    /** Create the registry's missing topics when the service starts. */
    @WithDefault("true")
    boolean create();

    @WithDefault("1")
    short replicationFactor();
  }

  interface Events {
    /** Longest query or document text accepted; longer ones go to the dead-letter topic. */
    @WithDefault("100000")
    int maxTextChars();
  }
}
