package dev.finesynth.servicekit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.RunEventType;
import io.smallrye.reactive.messaging.kafka.Record;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CancelledRunsTest {
  private final ServiceKitFixture kit = new ServiceKitFixture("miner");

  private void publish(RunEvent event) {
    kit.cancelled.onRunEvent(Record.of(event.runId(), kit.codec.encode(event)));
  }

  @Test
  void keepsOnlyCancelledRuns() {
    publish(RunEvent.of("a", "run", RunEventType.CREATED, "created"));
    publish(RunEvent.progress("a", "miner", "CANCELLED looks like a word here", Map.of()));
    publish(RunEvent.of("b", "run", RunEventType.CANCELLED, "cancelled by the user"));
    kit.cancelled.onRunEvent(Record.of("c", null));

    assertThat(kit.cancelled.contains("a")).isFalse();
    assertThat(kit.cancelled.contains("b")).isTrue();
    assertThat(kit.cancelled.contains("c")).isFalse();
  }

  @Test
  void stopAcknowledgesOncePerRunOnTheServicesStage() {
    kit.cancel("b");

    assertThat(kit.cancelled.stop("a", "stopped mining")).isFalse();
    assertThat(kit.cancelled.stop("b", "stopped mining")).isTrue();
    assertThat(kit.cancelled.stop("b", "stopped mining")).isTrue();

    assertThat(kit.runEvents())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.runId()).isEqualTo("b");
              assertThat(e.stage()).isEqualTo("miner");
              assertThat(e.type()).isEqualTo(RunEventType.CANCELLED);
              assertThat(e.message()).isEqualTo("stopped mining");
            });
  }

  @Test
  void aServicesOwnAcknowledgementKeepsTheRunCancelled() {
    kit.cancel("b");
    kit.cancelled.stop("b", "stopped mining");
    publish(kit.runEvents().get(0)); // read back from run-events by every instance

    assertThat(kit.cancelled.contains("b")).isTrue();
    assertThat(kit.runEvents()).hasSize(1);
  }
}
