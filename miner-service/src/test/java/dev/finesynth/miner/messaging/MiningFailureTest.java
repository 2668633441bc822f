package dev.finesynth.miner.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finesynth.contracts.events.QueryEvent;
import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.RunEventType;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.encoders.BiEncoder;
import dev.finesynth.miner.index.CorpusIndexes;
import dev.finesynth.miner.index.ExactIndex;
import dev.finesynth.miner.index.VectorIndex;
import dev.finesynth.servicekit.EncoderCache;
import dev.finesynth.servicekit.RecordingEmitter;
import dev.finesynth.servicekit.ServiceKitFixture;
import dev.finesynth.servicekit.TestBatch;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Queries that cannot be mined fail their run with the reason (its dataset could never complete)
 * and still fail the batch, so that the connector dead-letters them.
 */
class MiningFailureTest {
  private final ServiceKitFixture kit = new ServiceKitFixture("miner");
  private final RecordingEmitter relations = new RecordingEmitter();
  private final QueryMiningProcessor processor = MiningProcessors.wired(kit, relations);

  @Test
  void aRunWhoseQueriesCannotBeMinedFailsWithTheReason() {
    kit.addRun(ServiceKitFixture.runSpec("r1", null, null));
    processor.indexes =
        new CorpusIndexes() {
          @Override
          public Optional<VectorIndex> awaitComplete(RunSpec run, Duration timeout) {
            return Optional.of(new ExactIndex(List.of("d1"), new float[][] {{1f, 0f}}));
          }
        };
    processor.encoders =
        new EncoderCache() {
          @Override
          public BiEncoder biEncoder(String reference, int maxLength) {
            throw new IllegalStateException("cannot load " + reference + ": weights are corrupt");
          }
        };
    TestBatch batch =
        TestBatch.of("r1", kit.codec.encode(QueryEvent.of("r1", "q1", "usb charger")));

    assertThatThrownBy(() -> processor.mine(batch)).hasMessageContaining("weights are corrupt");

    assertThat(batch.acked()).isFalse();
    assertThat(relations.sent()).isEmpty();
    assertThat(kit.runEvents())
        .filteredOn(e -> e.type() == RunEventType.FAILED)
        .singleElement()
        .extracting(RunEvent::message)
        .asString()
        .contains("mining failed", "queries went to the dead-letter topic", "weights are corrupt");
  }
}
