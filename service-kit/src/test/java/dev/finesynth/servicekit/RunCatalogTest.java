package dev.finesynth.servicekit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finesynth.contracts.events.Presets;
import dev.finesynth.contracts.events.TrainingSpec;
import dev.finesynth.contracts.validation.InvalidEventException;
import io.smallrye.reactive.messaging.kafka.Record;
import org.junit.jupiter.api.Test;

/** Every service folds the run specs it can read, each with its preset resolved. */
class RunCatalogTest {
  private final ServiceKitFixture kit = new ServiceKitFixture("miner");

  @Test
  void aValidSpecIsKeptAndNothingIsPublished() {
    kit.addRun(ServiceKitFixture.runSpec("r1", TrainingSpec.defaults(), null));

    assertThat(kit.runs.find("r1")).isPresent();
    assertThat(kit.runEvents()).isEmpty();
  }

  @Test
  void anInvalidSpecThrowsToTheDeadLetterTopicAndPublishesNothing() {
    String spec =
        kit.codec
            .encode(ServiceKitFixture.runSpec("r2", TrainingSpec.defaults(), null))
            .replace("\"numRelations\":3", "\"numRelations\":1");

    assertThatThrownBy(() -> kit.runs.onRun(Record.of("r2", spec)))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage("numRelations: is 1, must be at least 2");

    assertThat(kit.runs.find("r2")).isEmpty();
    assertThat(kit.runEvents()).isEmpty(); // the trainers' RunRegistrar fails the run, once
  }

  @Test
  void aSpecNamingOnlyAPresetGetsAllOfItsSettings() throws Exception {
    var tree =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            kit.codec
                .mapper()
                .readTree(kit.codec.encode(ServiceKitFixture.runSpec("r3", null, null)));
    tree.putObject("models").put("preset", "offline-fast"); // as a plain producer writes it

    kit.runs.onRun(Record.of("r3", tree.toString()));

    assertThat(kit.runs.find("r3").orElseThrow().models())
        .isEqualTo(Presets.models("offline-fast"));
  }
}
