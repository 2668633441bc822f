package dev.finesynth.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class ReplicaOptionsTest {
  @Command
  static class Holder {
    @Mixin ReplicaOptions replicas = new ReplicaOptions();
  }

  private static ReplicaOptions parse(String... args) {
    Holder holder = new Holder();
    new CommandLine(holder).parseArgs(args);
    return holder.replicas;
  }

  @Test
  void oneOfEachByDefault() {
    assertThat(parse().replicas())
        .containsExactly(
            Map.entry("miner", 1),
            Map.entry("scorer", 1),
            Map.entry("trainer", 1),
            Map.entry("evaluator", 1));
    assertThat(parse().cpuAffinity()).isEmpty();
  }

  @Test
  void replicasForAllAndPerServiceOverrides() {
    assertThat(parse("--replicas", "3").replicas())
        .containsOnly(
            Map.entry("miner", 3),
            Map.entry("scorer", 3),
            Map.entry("trainer", 3),
            Map.entry("evaluator", 3));
    assertThat(parse("--replicas", "2", "--miners", "4", "--evaluators", "1").replicas())
        .containsExactly(
            Map.entry("miner", 4),
            Map.entry("scorer", 2),
            Map.entry("trainer", 2),
            Map.entry("evaluator", 1));
    assertThat(parse("--scorers", "3", "--trainers", "2").replicas())
        .containsExactly(
            Map.entry("miner", 1),
            Map.entry("scorer", 3),
            Map.entry("trainer", 2),
            Map.entry("evaluator", 1));
  }

  @Test
  void countsBelowOneAreRefused() {
    assertThatThrownBy(() -> parse("--replicas", "0").replicas())
        .hasMessage("--replicas must be 1 or more: 0");
    assertThatThrownBy(() -> parse("--miners", "-1").replicas())
        .hasMessage("--miners must be 1 or more: -1");
  }

  @Test
  void cpuAffinityByIdOrService() {
    ReplicaOptions options =
        parse("--cpu-affinity", "miner-0=0-1", "--cpu-affinity", "scorer=2,3,trainer=4");
    assertThat(options.cpuAffinity())
        .containsOnly(
            Map.entry("miner-0", "0-1"), Map.entry("scorer", "2,3"), Map.entry("trainer", "4"));
  }

  @Test
  void appliedToAStack() {
    LocalStack stack =
        parse("--replicas", "2", "--trainers", "1", "--cpu-affinity", "miner-1=3")
            .applyTo(
                new LocalStack(
                    java.nio.file.Path.of("/tmp/x"),
                    java.nio.file.Path.of("/tmp/x/state"),
                    9000,
                    System.out));
    assertThat(stack.services()).hasSize(7);
    assertThat(stack.cpuAffinity(stack.instance("miner-1"))).contains("3");
    assertThat(stack.cpuAffinity(stack.instance("miner-0"))).isEmpty();
    assertThat(stack.instance("evaluator-1").port()).isEqualTo(9013);
  }
}
