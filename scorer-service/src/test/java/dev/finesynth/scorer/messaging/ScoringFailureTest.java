package dev.finesynth.scorer.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finesynth.contracts.events.RelatedDocument;
import dev.finesynth.contracts.events.Relation;
import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.RunEventType;
import dev.finesynth.contracts.events.RunSpec;
import dev.finesynth.scorer.teacher.TeacherFactory;
import dev.finesynth.servicekit.RecordingEmitter;
import dev.finesynth.servicekit.ServiceKitFixture;
import dev.finesynth.servicekit.TestBatch;
import dev.finesynth.teacher.Bm25Scorer;
import dev.finesynth.teacher.Fusion;
import dev.finesynth.teacher.Teacher;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Relations that cannot be labelled fail their run with the reason (the dataset could never
 * complete) and still fail the batch, so that the connector dead-letters them.
 */
class ScoringFailureTest {
  private final ServiceKitFixture kit = new ServiceKitFixture("scorer");
  private RelationScoringProcessor processor;

  @BeforeEach
  void wire() {
    processor = ScoringProcessors.wired(kit, new RecordingEmitter(), new Bm25Teachers());
    kit.addRun(ServiceKitFixture.runSpec("r1", null, null));
  }

  @Test
  void aRunWhoseRelationsCannotBeScoredFailsWithTheReason() {
    TestBatch batch = relations(null); // a BM25 teacher needs the miner's BM25 scores

    assertThatThrownBy(() -> processor.score(batch)).hasMessageContaining("has no lexicalScore");

    assertThat(batch.acked()).isFalse();
    assertThat(failures())
        .singleElement()
        .extracting(RunEvent::message)
        .asString()
        .contains("scoring failed", "has no lexicalScore");
  }

  @Test
  void tripletsThatCannotBeSentFailTheirRun() {
    processor =
        ScoringProcessors.wired(
            kit,
            RecordingEmitter.failing(new IllegalStateException("broker unreachable")),
            new Bm25Teachers());
    TestBatch batch = relations(2.0);

    assertThatThrownBy(() -> processor.score(batch).toCompletableFuture().get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("broker unreachable");

    assertThat(batch.acked()).isFalse();
    assertThat(failures())
        .singleElement()
        .extracting(RunEvent::message)
        .asString()
        .contains("broker unreachable");
  }

  private List<RunEvent> failures() {
    return kit.runEvents().stream().filter(e -> e.type() == RunEventType.FAILED).toList();
  }

  private TestBatch relations(Double lexicalScore) {
    Relation relation =
        Relation.of(
            "r1",
            "q1",
            "usb charger",
            List.of(
                new RelatedDocument("d1", "a usb charger", 1, 0.9, lexicalScore),
                new RelatedDocument("d2", "a hdmi cable", 2, 0.4, lexicalScore)));
    return TestBatch.of(relation.key(), kit.codec.encode(relation));
  }

  /** Every run's teacher is BM25 alone, which reads the scores the miner sends along. */
  private static final class Bm25Teachers extends TeacherFactory {
    private final Teacher bm25 =
        new Teacher(List.of(new Bm25Scorer()), new double[] {1}, Fusion.MEAN, "bm25");

    @Override
    public Teacher forRun(RunSpec run) {
      return bm25;
    }
  }
}
