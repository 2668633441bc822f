package dev.finesynth.trainer.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.RunEventType;
import dev.finesynth.contracts.events.Shortfall;
import dev.finesynth.contracts.events.Triplet;
import dev.finesynth.servicekit.ServiceKitFixture;
import dev.finesynth.servicekit.TestBatch;
import dev.finesynth.trainer.dataset.DatasetStore;
import dev.finesynth.trainer.training.TrainingRequests;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dataset completes when its rows and its queries' shortfalls add up to what the run asks. */
class TripletSinkTest {
  @TempDir Path work;

  private ServiceKitFixture kit;
  private TripletSink sink;

  private void start() {
    kit = new ServiceKitFixture("trainer", work);
    kit.addRun(ServiceKitFixture.runSpec("r1", null, null)); // 4 queries x 2 triplets
    sink = new TripletSink();
    sink.decoder = kit.decoder;
    sink.runs = kit.runs;
    sink.events = kit.events;
    sink.registry = new SimpleMeterRegistry();
    sink.trainings = new TrainingRequests();
    sink.store = DatasetStore.of(kit.config, kit.codec);
  }

  private TestBatch triplets(int queries) {
    List<String> keyed = new ArrayList<>();
    for (int q = 1; q <= queries; q++) {
      for (String neg : List.of("n1", "n2")) {
        Triplet t = Triplet.of("r1", "q" + q, "query", "p", "pos", neg, "neg", 0.9, 0.1);
        keyed.add(t.key());
        keyed.add(kit.codec.encode(t));
      }
    }
    return TestBatch.of(keyed.toArray(String[]::new));
  }

  @Test
  void aQueryWithFewerCandidatesStillLetsTheRunFinish() throws Exception {
    start();
    sink.persist(triplets(3));
    assertThat(types()).doesNotContain(RunEventType.FINISHED);

    Shortfall q4 = Shortfall.of("r1", "q4", "miner", 2, "1 candidates of the 3 asked");
    sink.shortfalls(TestBatch.of(q4.key(), kit.codec.encode(q4)));

    assertThat(sink.store.manifest("r1").orElseThrow().rows()).isEqualTo(6);
    assertThat(sink.store.manifest("r1").orElseThrow().missing()).isEqualTo(2);
    assertThat(kit.runEvents())
        .filteredOn(e -> e.type() == RunEventType.COMPLETED || e.type() == RunEventType.FINISHED)
        .extracting(RunEvent::stage)
        .containsExactly("miner", "scorer", "dataset", "run");
    assertThat(kit.runEvents())
        .filteredOn(e -> e.type() == RunEventType.FINISHED)
        .singleElement()
        .extracting(RunEvent::message)
        .asString()
        .contains("6 triplets (2 fewer than asked");
  }

  @Test
  void aRunWhoseQueriesAllFallShortFailsSayingWhy() throws Exception {
    start();
    List<String> keyed = new ArrayList<>();
    for (int q = 1; q <= 4; q++) {
      Shortfall s = Shortfall.of("r1", "q" + q, "miner", 2, "0 candidates of the 3 asked");
      keyed.add(s.key());
      keyed.add(kit.codec.encode(s));
    }
    sink.shortfalls(TestBatch.of(keyed.toArray(String[]::new)));

    assertThat(types()).contains(RunEventType.FAILED).doesNotContain(RunEventType.FINISHED);
    assertThat(kit.runEvents())
        .filteredOn(e -> e.type() == RunEventType.FAILED)
        .singleElement()
        .extracting(RunEvent::message)
        .asString()
        .contains("no query yielded a triplet", "4 queries fell short");
  }

  @Test
  void aTripletOfARunIdThatIsAPathIsDeadLetteredAndTheRestIsKept() throws Exception {
    start();
    Triplet evil = Triplet.of("../../escaped", "q1", "query", "p", "pos", "n1", "neg", 0.9, 0.1);
    List<String> keyed = new ArrayList<>(List.of(evil.key(), kit.codec.encode(evil)));
    TestBatch valid = triplets(4);
    valid.getRecords().forEach(r -> keyed.addAll(List.of(r.getKey(), r.getPayload())));

    sink.persist(TestBatch.of(keyed.toArray(String[]::new)));

    assertThat(kit.deadLettered)
        .singleElement()
        .asString()
        .contains("runId: starts with '.'", "names a folder on disk");
    assertThat(sink.store.manifest("r1").orElseThrow().rows()).isEqualTo(8);
    assertThat(work.getParent().resolve("escaped")).doesNotExist();
    try (var runs = java.nio.file.Files.list(work.resolve("datasets"))) {
      assertThat(runs).extracting(f -> f.getFileName().toString()).containsExactly("r1");
    }
  }

  private List<RunEventType> types() {
    return kit.runEvents().stream().map(RunEvent::type).toList();
  }
}
