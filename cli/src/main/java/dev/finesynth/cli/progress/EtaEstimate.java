package dev.finesynth.cli.progress;

import java.time.Duration;
import java.time.Instant;

/**
 * A stage's time left from the pace of its own progress events, for stages that send no estimate.
 * Event timestamps, not the clock, so replaying a run's history gives the same figures.
 */
final class EtaEstimate {
  private Instant firstAt;
  private double firstDone;

  /** Seconds left at {@code done} of {@code total}; negative while the pace is unknown. */
  double update(Instant at, double done, double total) {
    if (firstAt == null || done < firstDone) {
      firstAt = at;
      firstDone = done;
      return -1;
    }
    double seconds = Duration.between(firstAt, at).toMillis() / 1000.0;
    double perSecond = seconds > 0 ? (done - firstDone) / seconds : 0;
    return seconds >= 1 && perSecond > 0 ? (total - done) / perSecond : -1;
  }
}
