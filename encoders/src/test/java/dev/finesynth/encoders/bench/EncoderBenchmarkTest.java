package dev.finesynth.encoders.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A small run of the benchmark: it measures all four figures and a plausible memory peak. */
class EncoderBenchmarkTest {

  @Test
  void measuresBothEnginesOnTheSameInputs() {
    EncoderBenchmark.Result r = EncoderBenchmark.run(32, 8, 1);
    assertThat(r.torchSentencesPerSecond()).isPositive();
    assertThat(r.ortSentencesPerSecond()).isPositive();
    assertThat(r.torchPairsPerSecond()).isPositive();
    assertThat(r.ortPairsPerSecond()).isPositive();
    assertThat(r.peakRssMb()).isPositive();
    assertThat(r.summaryLine())
        .matches("bi_ratio=\\d+\\.\\d+ cross_ratio=\\d+\\.\\d+ peak_rss_mb=\\d+");
  }
}
