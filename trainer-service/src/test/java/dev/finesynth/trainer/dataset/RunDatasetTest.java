package dev.finesynth.trainer.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.events.Triplet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDatasetTest {
  @TempDir Path dir;
  private final EventCodec codec = new EventCodec();

  private static Triplet triplet(String q, String neg, double negScore) {
    return Triplet.of("r", q, "query " + q, "p", "positive", neg, "negative " + neg, 0.9, negScore);
  }

  @Test
  void replayedTripletsAddNothingAndTheChecksumStays() throws Exception {
    try (RunDataset dataset = RunDataset.open(dir, codec)) {
      assertThat(dataset.add(List.of(triplet("q1", "n1", 0.5), triplet("q1", "n2", 0.4))))
          .isEqualTo(2);
      String checksum = dataset.checksum();
      assertThat(dataset.add(List.of(triplet("q1", "n1", 0.5), triplet("q2", "n1", 0.1))))
          .isEqualTo(1);
      assertThat(dataset.rows()).isEqualTo(3);
      assertThat(dataset.checksum()).isNotEqualTo(checksum);
    }
    try (RunDataset reopened = RunDataset.open(dir, codec)) {
      String checksum = reopened.checksum();
      assertThat(reopened.add(List.of(triplet("q2", "n1", 0.1)))).isZero();
      assertThat(reopened.checksum()).isEqualTo(checksum);
      assertThat(Files.readAllLines(dir.resolve(RunDataset.TSV)))
          .containsExactly("q1\tp\tn1\t0.400000", "q1\tp\tn2\t0.500000", "q2\tp\tn1\t0.800000");
    }
  }

  @Test
  void aRowTornByACrashIsCutOffOnReopen() throws Exception {
    try (RunDataset dataset = RunDataset.open(dir, codec)) {
      dataset.add(List.of(triplet("q1", "n1", 0.5)));
    }
    Files.writeString(
        dir.resolve(RunDataset.JSONL),
        "{\"schemaVersion\":1,\"runId\":\"r\",\"qu",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    try (RunDataset reopened = RunDataset.open(dir, codec)) {
      assertThat(reopened.rows()).isEqualTo(1);
      assertThat(reopened.add(List.of(triplet("q1", "n2", 0.3)))).isEqualTo(1);
    }
    assertThat(Files.readAllLines(dir.resolve(RunDataset.JSONL)))
        .hasSize(2)
        .allSatisfy(l -> codec.decode(Triplet.class, l));
  }
}
