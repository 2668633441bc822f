package dev.finesynth.contracts.events;

/** What a {@link RunEvent} reports; folding a run's events in order gives its status. */
public enum RunEventType {
  CREATED,
  STARTED,
  PROGRESS,
  COMPLETED,
  FINISHED,
  FAILED,
  CANCELLED,
  LOG;

  /** Whether the run ends with this event. */
  public boolean terminal() {
    return this == FINISHED || this == FAILED || this == CANCELLED;
  }
}
