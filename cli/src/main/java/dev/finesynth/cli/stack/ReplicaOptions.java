package dev.finesynth.cli.stack;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * How many instances of each service the local stack runs, and on which cores: {@code --replicas N}
 * for every service, {@code --miners N}, {@code --scorers N}, {@code --trainers N}, {@code
 * --evaluators N} over it for one, and {@code --cpu-affinity ID=CPUS} to start an instance (or
 * every instance of a service) under {@code taskset -c CPUS}. A picocli mixin of {@code up}, {@code
 * demo} and {@code bench synthesis}.
 */
public class ReplicaOptions {
  @Option(
      names = "--replicas",
      defaultValue = "1",
      paramLabel = "N",
      description = "Instances of every service (default ${DEFAULT-VALUE}).")
  int replicas = 1;

  @Option(
      names = "--miners",
      paramLabel = "N",
      description = "Instances of the miner (default: --replicas).")
  Integer miners;

  @Option(
      names = "--scorers",
      paramLabel = "N",
      description = "Instances of the scorer (default: --replicas).")
  Integer scorers;

  @Option(
      names = "--trainers",
      paramLabel = "N",
      description = "Instances of the trainer (default: --replicas).")
  Integer trainers;

  @Option(
      names = "--evaluators",
      paramLabel = "N",
      description = "Instances of the evaluator (default: --replicas).")
  Integer evaluators;

  @Option(
      names = "--cpu-affinity",
      paramLabel = "ID=CPUS",
      split = ",(?=[a-z])",
      description =
          "Start an instance (miner-1) or every instance of a service (miner) under taskset -c"
              + " CPUS, e.g. --cpu-affinity miner-0=0-1 --cpu-affinity scorer=2,3.")
  Map<String, String> cpuAffinity = new LinkedHashMap<>();

  /** Options as the command line would give them: counts by service name, pins by id or name. */
  public static ReplicaOptions of(Map<String, Integer> counts, Map<String, String> pins) {
    ReplicaOptions options = new ReplicaOptions();
    options.miners = counts.get("miner");
    options.scorers = counts.get("scorer");
    options.trainers = counts.get("trainer");
    options.evaluators = counts.get("evaluator");
    options.cpuAffinity.putAll(pins);
    return options;
  }

  /** Instances per service, in the stack's order; every count checked to be 1 or more. */
  public Map<String, Integer> replicas() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("miner", count("--miners", miners));
    counts.put("scorer", count("--scorers", scorers));
    counts.put("trainer", count("--trainers", trainers));
    counts.put("evaluator", count("--evaluators", evaluators));
    return counts;
  }

  /** The {@code --cpu-affinity} pins, instance id or service name to a taskset CPU list. */
  public Map<String, String> cpuAffinity() {
    return Map.copyOf(cpuAffinity);
  }

  /** {@code stack} with these replicas and pins. */
  public LocalStack applyTo(LocalStack stack) {
    return stack.withReplicas(replicas()).withCpuAffinity(cpuAffinity());
  }

  private int count(String option, Integer value) {
    int n = value != null ? value : replicas;
    if (n < 1) {
      throw new IllegalArgumentException(
          (value != null ? option : "--replicas") + " must be 1 or more: " + n);
    }
    return n;
  }
}
