package dev.finesynth.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finesynth.contracts.events.TrainingSpec;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;

class TrainingOptionsTest {
  @Command
  static class Holder {
    @ArgGroup(exclusive = false, heading = "Training options:%n")
    TrainingOptions training = new TrainingOptions();
  }

  private static TrainingSpec parse(String... args) {
    Holder holder = new Holder();
    new CommandLine(holder).parseArgs(args);
    return holder.training.spec();
  }

  @Test
  void givenNothingTheSpecIsTheDefaults() {
    assertThat(parse()).isEqualTo(TrainingSpec.defaults().withCheckpointEverySteps(100));
  }

  @Test
  void seedAndGroupingReachTheSpec() {
    TrainingSpec spec = parse("--seed", "7", "--triplets-per-query", "8", "--epochs", "2");
    assertThat(spec.seed()).isEqualTo(7);
    assertThat(spec.tripletsPerQuery()).isEqualTo(8);
    assertThat(spec.epochs()).isEqualTo(2);
    assertThat(parse().tripletsPerQueryOrDefault()).isEqualTo(TrainingSpec.WHOLE_QUERY);
  }
}
