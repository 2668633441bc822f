package dev.finesynth.trainer.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.RunEventType;
import dev.finesynth.contracts.events.Triplet;
import dev.finesynth.servicekit.ServiceKitFixture;
import dev.finesynth.servicekit.TestBatch;
import dev.finesynth.trainer.dataset.DatasetStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Triplets that cannot be stored fail their run with the reason (its dataset could never complete)
 * and still fail the batch, so that the connector dead-letters them.
 */
class TripletSinkFailureTest {
  @TempDir Path work;

  @Test
  void aRunWhoseTripletsCannotBeStoredFailsWithTheReason() throws Exception {
    ServiceKitFixture kit = new ServiceKitFixture("trainer");
    kit.addRun(ServiceKitFixture.runSpec("r1", null, null));
    Path notAFolder = Files.createFile(work.resolve("not-a-folder"));
    TripletSink sink = new TripletSink();
    sink.decoder = kit.decoder;
    sink.runs = kit.runs;
    sink.events = kit.events;
    sink.registry = new SimpleMeterRegistry();
    sink.store =
        new DatasetStore() {
          @Override
          public Path folder(String runId) {
            return notAFolder.resolve(runId); // under a file: no folder can be made there
          }
        };
    Triplet triplet =
        Triplet.of("r1", "q1", "usb charger", "d1", "a charger", "d2", "a cable", 1, 0);
    TestBatch batch = TestBatch.of(triplet.key(), kit.codec.encode(triplet));

    assertThatThrownBy(() -> sink.persist(batch)).hasMessageContaining("cannot open the dataset");

    assertThat(batch.acked()).isFalse();
    assertThat(kit.runEvents())
        .filteredOn(e -> e.type() == RunEventType.FAILED)
        .singleElement()
        .extracting(RunEvent::message)
        .asString()
        .contains("storing the dataset failed", "triplets went to the dead-letter topic");
  }
}
