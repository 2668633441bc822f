package dev.finesynth.servicekit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finesynth.contracts.events.RunEventType;
import dev.finesynth.contracts.events.TrainingSpec;
import dev.finesynth.contracts.validation.InvalidEventException;
import io.smallrye.reactive.messaging.kafka.Record;
import org.junit.jupiter.api.Test;

/** A run spec a service cannot take fails the run with the reason, besides the dead letter. */
class RunCatalogTest {
  private final ServiceKitFixture kit = new ServiceKitFixture("miner");

  @Test
  void aValidSpecIsKeptAndNothingIsPublished() {
    kit.addRun(ServiceKitFixture.runSpec("r1", TrainingSpec.defaults(), null));

    assertThat(kit.runs.find("r1")).isPresent();
    assertThat(kit.runEvents()).isEmpty();
  }

  @Test
  void anInvalidSpecThrowsAndFailsItsRunWithTheReason() {
    String spec =
        kit.codec
            .encode(ServiceKitFixture.runSpec("r2", TrainingSpec.defaults(), null))
            .replace("\"numRelations\":3", "\"numRelations\":1");

    assertThatThrownBy(() -> kit.runs.onRun(Record.of("r2", spec)))
        .isInstanceOf(InvalidEventException.class);

    assertThat(kit.runs.find("r2")).isEmpty();
    assertThat(kit.runEvents())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.runId()).isEqualTo("r2");
              assertThat(e.stage()).isEqualTo("miner");
              assertThat(e.type()).isEqualTo(RunEventType.FAILED);
              assertThat(e.message())
                  .isEqualTo("rejected the run spec: numRelations: is 1, must be at least 2");
            });
  }

  @Test
  void unreadableJsonFailsItsRunToo() {
    assertThatThrownBy(() -> kit.runs.onRun(Record.of("r3", "{not json")))
        .isInstanceOf(RuntimeException.class);

    assertThat(kit.runEvents())
        .singleElement()
        .satisfies(e -> assertThat(e.message()).startsWith("rejected the run spec: "));
  }
}
