package dev.finesynth.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EtaEstimateTest {
  private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

  @Test
  void paceOfTheEventsGivesTheTimeLeft() {
    EtaEstimate eta = new EtaEstimate();
    assertThat(eta.update(T0, 0, 100)).isNegative();
    // 20 in 10 s: 2 per second, 80 left
    assertThat(eta.update(T0.plusSeconds(10), 20, 100)).isEqualTo(40.0);
  }

  @Test
  void unknownWithoutPaceAndRestartsWhenTheCountGoesBack() {
    EtaEstimate eta = new EtaEstimate();
    eta.update(T0, 10, 100);
    assertThat(eta.update(T0.plusSeconds(5), 10, 100)).isNegative();
    assertThat(eta.update(T0.plusSeconds(6), 2, 100)).isNegative(); // a resumed stage
    assertThat(eta.update(T0.plusSeconds(8), 12, 100))
        .isEqualTo(17.6, org.assertj.core.data.Offset.offset(1e-9));
  }
}
