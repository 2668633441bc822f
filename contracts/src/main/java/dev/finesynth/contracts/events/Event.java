package dev.finesynth.contracts.events;

import dev.finesynth.contracts.validation.Validated;

/** A value published on a finesynth topic. Every event says which schema version it follows. */
public interface Event extends Validated {
  /** Version written by this build; readers reject other versions with a clear reason. */
  int SCHEMA_VERSION = 1;

  int schemaVersion();

  /**
   * The event with what its readers derive from it filled in (a run spec's preset settings);
   * readers see this, never the raw value. Most events are read as they are.
   */
  default Event resolved() {
    return this;
  }
}
