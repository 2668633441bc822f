package dev.finesynth.servicekit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.finesynth.contracts.events.RunEvent;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Progress is throttled, but a stage's last figures always arrive. */
class RunEventPublisherTest {
  private final ServiceKitFixture kit = new ServiceKitFixture("miner");

  @Test
  void aThrottledProgressGoesOutWhenTheIntervalIsOver() {
    kit.events.progress("r1", "mined 10 queries", Map.of("queries", 10.0), false);
    kit.events.progress("r1", "mined 20 queries", Map.of("queries", 20.0), false);
    kit.events.progress("r1", "mined 30 queries", Map.of("queries", 30.0), false);

    assertThat(kit.runEvents()).extracting(RunEvent::message).containsExactly("mined 10 queries");
    await().atMost(Duration.ofSeconds(10)).until(() -> kit.runEvents().size() == 2);
    assertThat(kit.runEvents())
        .extracting(RunEvent::message)
        .containsExactly("mined 10 queries", "mined 30 queries"); // the latest, once
  }
}
