package dev.finesynth.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finesynth.contracts.events.ListwiseSpec;
import dev.finesynth.contracts.events.TrainingSpec;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class ListwiseOptionTest {
  @Command
  static class Holder {
    @Mixin ListwiseOption listwise = new ListwiseOption();
  }

  private static TrainingSpec parse(String... args) {
    Holder holder = new Holder();
    new CommandLine(holder).parseArgs(args);
    return holder.listwise.applyTo(TrainingSpec.defaults());
  }

  @Test
  void onAtTheDefaultsUnlessTheWeightIsZero() {
    assertThat(parse().listwise()).isEqualTo(ListwiseSpec.of(ListwiseSpec.DEFAULT_WEIGHT));
    assertThat(parse("--listwise-weight", "3").listwise()).isEqualTo(ListwiseSpec.of(3));
    assertThat(parse("--listwise-temperature", "0.1").listwise())
        .isEqualTo(new ListwiseSpec(ListwiseSpec.DEFAULT_WEIGHT, 0.1));
    assertThat(parse("--listwise-weight", "0").listwise()).isNull();
    assertThatThrownBy(() -> parse("--listwise-weight", "-1"))
        .hasMessage("--listwise-weight must be 0 or more: -1.0");
  }
}
