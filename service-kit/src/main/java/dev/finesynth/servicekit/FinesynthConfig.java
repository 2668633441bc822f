package dev.finesynth.servicekit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The {@code finesynth.*} settings every service reads. */
@ConfigMapping(prefix = "finesynth")
public interface FinesynthConfig {
  /** This service's short name: miner, scorer, trainer or evaluator. */
  String service();

  /** Prefix of every topic name, so several deployments can share one cluster. */
  @WithDefault("finesynth.")
  String topicPrefix();

  /** Folder under which the service keeps its local state (indexes, datasets, models). */
  @WithDefault(".")
  String home();

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
