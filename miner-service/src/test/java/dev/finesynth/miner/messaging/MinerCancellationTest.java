package dev.finesynth.miner.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finesynth.contracts.events.QueryEvent;
import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.RunEventType;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.miner.corpus.CorpusStore;
import dev.finesynth.miner.index.CorpusIndexes;
import dev.finesynth.miner.index.VectorIndex;
import dev.finesynth.servicekit.RecordingEmitter;
import dev.finesynth.servicekit.ServiceKitFixture;
import dev.finesynth.servicekit.TestBatch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The miner skips a cancelled run's queries, commits them, and says so once. */
@Timeout(value = 20, unit = TimeUnit.SECONDS) // a regression waits for a spec or corpus forever
class MinerCancellationTest {
  @TempDir Path home;

  private final ServiceKitFixture kit = new ServiceKitFixture("miner");
  private final RecordingEmitter relations = new RecordingEmitter();
  private final QueryMiningProcessor processor = MiningProcessors.wired(kit, relations);

  private TestBatch queries(String runId, String... ids) {
    String[] keyed = new String[ids.length * 2];
    for (int i = 0; i < ids.length; i++) {
      keyed[2 * i] = runId;
      keyed[2 * i + 1] = kit.codec.encode(QueryEvent.of(runId, ids[i], "usb charger " + i));
    }
    return TestBatch.of(keyed);
  }

  @Test
  void queriesOfACancelledRunAreSkippedAndCommitted() throws Exception {
    kit.cancel("r1"); // its spec never arrives here: the queries must not wait for it

    TestBatch first = queries("r1", "q1", "q2");
    TestBatch second = queries("r1", "q3");
    processor.mine(first).toCompletableFuture().get(5, TimeUnit.SECONDS);
    processor.mine(second).toCompletableFuture().get(5, TimeUnit.SECONDS);

    assertThat(first.acked()).isTrue();
    assertThat(second.acked()).isTrue();
    assertThat(relations.sent()).isEmpty();
    assertThat(kit.runEvents())
        .singleElement()
        .extracting(RunEvent::stage, RunEvent::type)
        .containsExactly("miner", RunEventType.CANCELLED);
  }

  @Test
  void aRunCancelledWhileItsCorpusIsIncompleteStopsWaiting() throws Exception {
    RunSpec run = ServiceKitFixture.runSpec("r2", null, null);
    kit.addRun(run);
    processor.indexes =
        new CorpusIndexes() {
          @Override
          public Optional<VectorIndex> awaitComplete(RunSpec waiting, Duration timeout) {
            kit.cancel(waiting.runId()); // the cancellation arrives during the wait
            return Optional.empty();
          }

          @Override
          public CorpusStore store(String corpusId) {
            return CorpusStore.open(corpusId, home);
          }
        };

    TestBatch batch = queries("r2", "q1");
    processor.mine(batch).toCompletableFuture().get(5, TimeUnit.SECONDS);

    assertThat(batch.acked()).isTrue();
    assertThat(relations.sent()).isEmpty();
    assertThat(kit.runEvents())
        .extracting(RunEvent::type)
        .containsExactly(RunEventType.LOG, RunEventType.CANCELLED);
    assertThat(kit.runEvents().get(0).message()).startsWith("mining waits for corpus");
  }

  @Test
  void aRunWaitingForItsCorpusHoldsUpNoOtherRun() throws Exception {
    RunSpec waiting = ServiceKitFixture.runSpec("waiting", null, null);
    kit.addRun(waiting);
    processor.indexes =
        new CorpusIndexes() {
          @Override
          public Optional<VectorIndex> awaitComplete(RunSpec run, Duration timeout) {
            return Optional.empty(); // never complete: the run waits
          }

          @Override
          public CorpusStore store(String corpusId) {
            return CorpusStore.open(corpusId, home);
          }
        };

    TestBatch first = queries("waiting", "q1");
    var pending = processor.mine(first).toCompletableFuture();
    kit.cancel("other"); // a run the miner can settle at once
    TestBatch second = queries("other", "q2");
    processor.mine(second).toCompletableFuture().get(5, TimeUnit.SECONDS);

    assertThat(second.acked()).isTrue(); // not behind the waiting run's batch
    assertThat(pending).isNotDone();
    assertThat(first.acked()).isFalse(); // kept for a re-delivery if the miner dies
    kit.cancel("waiting");
    pending.get(5, TimeUnit.SECONDS);
    assertThat(first.acked()).isTrue();
  }
}
