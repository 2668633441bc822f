package dev.finesynth.deploy;

import java.util.List;
import java.util.Map;

/**
 * What a service's pods need: its port, the memory and CPU its instances were measured to use, and
 * whether it reaches the shared artifacts volume.
 *
 * @param memoryRequest peak RSS measured in {@code ./finesynth demo}, rounded up
 * @param memoryLimit peak RSS of the largest measured job (Cranfield training for the trainer) with
 *     headroom
 * @param throughput records of each shared consumer group one instance handles per second
 * @param drainSeconds how long a backlog of lagThreshold records may take one instance
 */
public record Workload(
    String service,
    int port,
    String memoryRequest,
    String memoryLimit,
    boolean shared,
    Map<String, Double> throughput,
    int drainSeconds) {

  /** The four services, with the figures in deploy/README.md. */
  public static final List<Workload> ALL =
      List.of(
          // bench synthesis: 85.7 queries/s alone; peak RSS 683 MiB in the demo
          new Workload("miner", 8081, "1Gi", "2Gi", false, Map.of("miner-queries", 85.7), 60),
          // 3.3 query-document pairs/s (offline teacher), 10 pairs a relation record; 1,395 MiB
          new Workload(
              "scorer", 8082, "1536Mi", "2560Mi", false, Map.of("scorer-relations", 0.33), 300),
          // appending triplets is cheap; a training takes the instance for the whole run; 3,252
          // MiB in the demo, 5.4-5.9 GB training on Cranfield
          new Workload(
              "trainer",
              8083,
              "4Gi",
              "7Gi",
              true,
              Map.of(
                  "trainer-triplets",
                  1000.0,
                  "trainer-run-intake",
                  1000.0,
                  "trainer-shortfalls",
                  1000.0,
                  "trainer-trainings",
                  0.0),
              60),
          // one evaluation at a time; 1,645 MiB in the demo
          new Workload(
              "evaluator",
              8084,
              "2Gi",
              "3Gi",
              true,
              Map.of("evaluator-models", 0.0, "evaluator-base", 0.0),
              60));

  /**
   * The lag per instance KEDA aims at for a group: what one instance drains in {@link
   * #drainSeconds}, or 1 where each record is a whole job (a training, an evaluation).
   */
  public long lagThreshold(String group) {
    Double perSecond = throughput.get(group);
    if (perSecond == null) { // a new consumer group needs its figure here before it can scale
      throw new IllegalStateException(
          "no throughput for consumer group " + group + " of " + service);
    }
    return Math.max(1, Math.round(perSecond * drainSeconds));
  }

  public String image(String version) {
    return "finesynth/" + service + ":" + version;
  }
}
