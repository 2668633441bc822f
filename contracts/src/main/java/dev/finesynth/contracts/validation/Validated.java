package dev.finesynth.contracts.validation;

/** A value that can check its own fields. */
public interface Validated {
  void validate(Checks checks);
}
