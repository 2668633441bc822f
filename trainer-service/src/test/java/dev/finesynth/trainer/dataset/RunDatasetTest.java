package dev.finesynth.trainer.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finesynth.contracts.codec.EventCodec;
import dev.finesynth.contracts.datasets.CanonicalDataset;
import dev.finesynth.contracts.events.Shortfall;
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
  void replayedTripletsAddNothingAndTheCanonicalRowsAreOrderedByKey() throws Exception {
    try (RunDataset dataset = RunDataset.open(dir, codec)) {
      assertThat(dataset.add(0, List.of(triplet("q2", "n1", 0.1), triplet("q1", "n2", 0.4))))
          .isEqualTo(2);
      assertThat(dataset.add(1, List.of(triplet("q1", "n1", 0.5)))).isEqualTo(1);
      assertThat(dataset.add(0, List.of(triplet("q2", "n1", 0.1)))).isZero();
      assertThat(dataset.rows()).isEqualTo(3);
      String checksum = dataset.writeCanonical(dataset.canonicalRows());
      assertThat(Files.readAllLines(dir.resolve(RunDataset.TSV)))
          .containsExactly("q1\tp\tn1\t0.400000", "q1\tp\tn2\t0.500000", "q2\tp\tn1\t0.800000");
      assertThat(checksum)
          .isEqualTo(
              CanonicalDataset.checksum(
                  List.of(
                      triplet("q1", "n1", 0.5), triplet("q1", "n2", 0.4), triplet("q2", "n1", 0.1)),
                  codec));
    }
  }

  @Test
  void partsWrittenInAnotherOrderOrByAnotherInstanceGiveTheSameDataset() throws Exception {
    Path other = dir.resolve("other");
    String first;
    try (RunDataset dataset = RunDataset.open(dir.resolve("one"), codec)) {
      dataset.add(0, List.of(triplet("q1", "n1", 0.5), triplet("q1", "n2", 0.4)));
      dataset.add(2, List.of(triplet("q2", "n1", 0.1)));
      first = dataset.writeCanonical(dataset.canonicalRows());
    }
    try (RunDataset a = RunDataset.open(other, codec);
        RunDataset b = RunDataset.open(other, codec)) { // two instances on one shared folder
      b.add(2, List.of(triplet("q2", "n1", 0.1)));
      a.add(0, List.of(triplet("q1", "n2", 0.4)));
      b.add(0, List.of(triplet("q1", "n1", 0.5))); // b takes partition 0 over from a
      a.add(0, List.of(triplet("q1", "n1", 0.5))); // and a gets it back: nothing doubles
      assertThat(a.rows()).isEqualTo(3);
      assertThat(b.writeCanonical(b.canonicalRows())).isEqualTo(first);
    }
  }

  @Test
  void aRowTornByACrashIsCutOffOnReopen() throws Exception {
    try (RunDataset dataset = RunDataset.open(dir, codec)) {
      dataset.add(0, List.of(triplet("q1", "n1", 0.5)));
    }
    Path part = dir.resolve(RunDataset.PARTS).resolve("p-0.jsonl");
    Files.writeString(
        part,
        "{\"schemaVersion\":1,\"runId\":\"r\",\"qu",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    try (RunDataset reopened = RunDataset.open(dir, codec)) {
      assertThat(reopened.rows()).isEqualTo(1);
      assertThat(reopened.add(0, List.of(triplet("q1", "n2", 0.3)))).isEqualTo(1);
      assertThat(reopened.rows()).isEqualTo(2);
    }
    assertThat(Files.readAllLines(part)).hasSize(2).allSatisfy(l -> codec.decode(Triplet.class, l));
  }

  @Test
  void aShortfallToldTwiceOrByTwoInstancesCountsOnce() throws Exception {
    Shortfall q1 = Shortfall.of("r", "q1", "miner", 2, "1 candidates of the 3 asked");
    try (RunDataset one = RunDataset.open(dir, codec);
        RunDataset other = RunDataset.open(dir, codec)) {
      one.addShortfall(q1);
      other.addShortfall(q1);
      other.addShortfall(Shortfall.of("r", "q/2", "scorer", 2, "bad record skipped: $: x"));
      one.addShortfall(q1);

      assertThat(one.missing()).isEqualTo(4);
      assertThat(other.shortfalls()).extracting(Shortfall::queryId).contains("q1", "q/2");
      assertThat(one.rows()).isZero(); // shortfalls are not rows
    }
  }
}
