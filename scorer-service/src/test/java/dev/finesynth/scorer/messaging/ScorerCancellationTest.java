package dev.finesynth.scorer.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finesynth.contracts.events.RelatedDocument;
import dev.finesynth.contracts.events.Relation;
import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.RunEventType;
import dev.finesynth.servicekit.RecordingEmitter;
import dev.finesynth.servicekit.ServiceKitFixture;
import dev.finesynth.servicekit.TestBatch;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The scorer skips a cancelled run's relations without loading its teacher, and commits them. */
@Timeout(value = 20, unit = TimeUnit.SECONDS) // a regression waits for the run spec forever
class ScorerCancellationTest {
  private final ServiceKitFixture kit = new ServiceKitFixture("scorer");
  private final RecordingEmitter triplets = new RecordingEmitter();
  // no teachers: scoring a cancelled run would fail the test
  private final RelationScoringProcessor processor = ScoringProcessors.wired(kit, triplets, null);

  private TestBatch relations(String runId, String... queryIds) {
    String[] keyed = new String[queryIds.length * 2];
    for (int i = 0; i < queryIds.length; i++) {
      Relation relation =
          Relation.of(
              runId,
              queryIds[i],
              "usb charger",
              List.of(
                  new RelatedDocument("d1", "a usb charger", 1, 0.9),
                  new RelatedDocument("d2", "a hdmi cable", 2, 0.4)));
      keyed[2 * i] = relation.key();
      keyed[2 * i + 1] = kit.codec.encode(relation);
    }
    return TestBatch.of(keyed);
  }

  @Test
  void relationsOfACancelledRunAreSkippedAndCommitted() throws Exception {
    kit.addRun(ServiceKitFixture.runSpec("r1", null, null));
    kit.cancel("r1");

    TestBatch first = relations("r1", "q1", "q2");
    TestBatch second = relations("r1", "q3");
    processor.score(first).toCompletableFuture().get(5, TimeUnit.SECONDS);
    processor.score(second).toCompletableFuture().get(5, TimeUnit.SECONDS);

    assertThat(first.acked()).isTrue();
    assertThat(second.acked()).isTrue();
    assertThat(triplets.sent()).isEmpty();
    assertThat(kit.runEvents())
        .singleElement()
        .extracting(RunEvent::stage, RunEvent::type)
        .containsExactly("scorer", RunEventType.CANCELLED);
  }

  @Test
  void aCancelledRunsRelationsDoNotWaitForItsSpec() throws Exception {
    kit.cancel("r2"); // this instance has not read the run's spec (yet)

    TestBatch batch = relations("r2", "q1");
    processor.score(batch).toCompletableFuture().get(5, TimeUnit.SECONDS);

    assertThat(batch.acked()).isTrue();
    assertThat(triplets.sent()).isEmpty();
  }
}
