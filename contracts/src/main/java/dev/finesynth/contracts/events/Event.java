package dev.finesynth.contracts.events;

import dev.finesynth.contracts.validation.Validated;

/** A value published on a finesynth topic. Every event says which schema version it follows. */
public interface Event extends Validated {
  /** Version written by this build; readers reject other versions with a clear reason. */
  int SCHEMA_VERSION = 1;

  int schemaVersion();
}
