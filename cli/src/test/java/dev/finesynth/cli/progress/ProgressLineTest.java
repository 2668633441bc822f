package dev.finesynth.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
  private static final StageMeter TRAINER = StageMeter.of("trainer").orElseThrow();
  private static final StageMeter MINER = StageMeter.of("miner").orElseThrow();

  @Test
  void barHasTheWidthAndRoundsDown() {
    assertThat(ProgressLine.bar(0, 10)).isEqualTo("[..........]");
    assertThat(ProgressLine.bar(0.39, 10)).isEqualTo("[###.......]");
    assertThat(ProgressLine.bar(1, 10)).isEqualTo("[##########]");
    assertThat(ProgressLine.bar(0.5, 20)).hasSize(22);
  }

  @Test
  void barAndPercentStayInRange() {
    assertThat(ProgressLine.bar(1.7, 4)).isEqualTo("[####]");
    assertThat(ProgressLine.bar(-1, 4)).isEqualTo("[....]");
    assertThat(ProgressLine.bar(Double.NaN, 4)).isEqualTo("[....]");
    assertThat(ProgressLine.percent(0.999)).isEqualTo(99);
    assertThat(ProgressLine.percent(1)).isEqualTo(100);
    assertThat(ProgressLine.percent(2)).isEqualTo(100);
  }

  @Test
  void durationsAreShort() {
    assertThat(ProgressLine.duration(0)).isEqualTo("0s");
    assertThat(ProgressLine.duration(44.6)).isEqualTo("45s");
    assertThat(ProgressLine.duration(130)).isEqualTo("2m10s");
    assertThat(ProgressLine.duration(3599)).isEqualTo("59m59s");
    assertThat(ProgressLine.duration(3900)).isEqualTo("1h05m");
    assertThat(ProgressLine.duration(-5)).isEqualTo("0s");
  }

  private static final Map<String, Double> TRAINING =
      Map.of(
          "epoch", 1.0,
          "step", 120.0,
          "totalSteps", 338.0,
          "loss", 0.01234,
          "examplesPerSecond", 3.14,
          "etaSeconds", 130.0);

  @Test
  void trainingLineShowsStepsPaceTheTrainersEtaAndLoss() {
    assertThat(ProgressLine.render(TRAINER, TRAINING, -1, 120))
        .isEqualTo(
            "training   [#######.............]  35%  120/338 steps  3.1 ex/s  eta 2m10s  loss 0.0123");
  }

  @Test
  void extrasThatDoNotFitAreLeftOutWhole() {
    String line = ProgressLine.render(TRAINER, TRAINING, -1, 79);
    assertThat(line)
        .isEqualTo("training   [#######.............]  35%  120/338 steps  3.1 ex/s  eta 2m10s");
    assertThat(ProgressLine.render(TRAINER, TRAINING, -1, 70))
        .endsWith("steps  3.1 ex/s")
        .hasSizeLessThanOrEqualTo(70);
  }

  @Test
  void otherStagesUseTheClientsEstimateAndNoneOnceDone() {
    assertThat(ProgressLine.render(MINER, Map.of("queries", 60.0, "expected", 240.0), 45, 79))
        .isEqualTo("mining     [#####...............]  25%  60/240 queries  eta 45s");
    assertThat(ProgressLine.render(MINER, Map.of("queries", 60.0, "expected", 240.0), -1, 79))
        .isEqualTo("mining     [#####...............]  25%  60/240 queries");
    assertThat(ProgressLine.render(MINER, Map.of("queries", 240.0, "expected", 240.0), 3, 79))
        .isEqualTo("mining     [####################] 100%  240/240 queries");
  }

  @Test
  void metersKnowEveryStageThatCounts() {
    assertThat(StageMeter.of("dataset").orElseThrow().unit()).isEqualTo("triplets");
    assertThat(StageMeter.of("evaluator").orElseThrow().label()).isEqualTo("evaluating");
    assertThat(StageMeter.of("run")).isEmpty();
    assertThat(MINER.measures(Map.of("queries", 1.0))).isFalse();
  }
}
