package dev.finesynth.client;

/** A run's overall state, folded from its events. */
public enum RunStatus {
  CREATED,
  STARTED,
  FINISHED,
  FAILED,
  CANCELLED;

  public boolean terminal() {
    return this == FINISHED || this == FAILED || this == CANCELLED;
  }
}
