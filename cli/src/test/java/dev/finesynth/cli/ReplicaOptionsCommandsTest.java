package dev.finesynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finesynth.cli.bench.BenchSynthesisCommand;
import dev.finesynth.cli.commands.DemoCommand;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;

/** {@code up}, {@code demo} and {@code bench synthesis} take the same replica options. */
class ReplicaOptionsCommandsTest {
  private static Object leaf(String... args) {
    ParseResult result = FinesynthCli.commandLine().parseArgs(args);
    while (result.hasSubcommand()) {
      result = result.subcommand();
    }
    return result.commandSpec().userObject();
  }

  private static Map<String, Object> optionValues(String... args) {
    ParseResult result = FinesynthCli.commandLine().parseArgs(args);
    while (result.hasSubcommand()) {
      result = result.subcommand();
    }
    ParseResult leaf = result;
    return Map.of(
        "replicas", leaf.matchedOptionValue("--replicas", 1),
        "miners", leaf.matchedOptionValue("--miners", -1),
        "scorers", leaf.matchedOptionValue("--scorers", -1));
  }

  @Test
  void upParsesReplicasAndOverrides() {
    UpCommand up = (UpCommand) leaf("up", "--replicas", "2", "--miners", "3");
    assertThat(up.replicas.replicas())
        .containsExactly(
            Map.entry("miner", 3),
            Map.entry("scorer", 2),
            Map.entry("trainer", 2),
            Map.entry("evaluator", 2));
  }

  @Test
  void demoAndBenchSynthesisTakeTheSameOptions() {
    assertThat(leaf("demo", "--scorers", "2", "--evaluators", "3")).isInstanceOf(DemoCommand.class);
    assertThat(optionValues("demo", "--scorers", "2")).containsEntry("scorers", 2);
    assertThat(leaf("bench", "synthesis", "--beir", "/tmp/b", "--replicas", "2", "--miners", "4"))
        .isInstanceOf(BenchSynthesisCommand.class);
    assertThat(
            optionValues(
                "bench", "synthesis", "--beir", "/tmp/b", "--replicas", "2", "--miners", "4"))
        .containsEntry("replicas", 2)
        .containsEntry("miners", 4);
  }

  @Test
  void theHelpOfUpListsTheOptions() {
    String usage = FinesynthCli.commandLine().getSubcommands().get("up").getUsageMessage();
    assertThat(usage)
        .contains("--replicas=N", "--miners=N", "--scorers=N", "--trainers=N", "--evaluators=N")
        .contains("--cpu-affinity=ID=CPUS");
  }
}
