package dev.finesynth.contracts.validation;

import dev.finesynth.contracts.paths.PathSegments;
import java.util.Collection;
import java.util.Optional;

/** Field checks an event runs on itself after decoding; the first failure throws. */
public final class Checks {
  private final EventLimits limits;

  public Checks(EventLimits limits) {
    this.limits = limits;
  }

  public Checks present(String field, Object value) {
    if (value == null) {
      throw new InvalidEventException(field, "is missing");
    }
    return this;
  }

  /** An identifier: present, not blank, no longer than the id limit. */
  public Checks id(String field, String value) {
    present(field, value);
    if (value.isBlank()) {
      throw new InvalidEventException(field, "is empty");
    }
    if (value.length() > limits.maxIdChars()) {
      throw new InvalidEventException(
          field, "is " + value.length() + " characters, over the limit of " + limits.maxIdChars());
    }
    return this;
  }

  /**
   * An identifier that services use as a folder or file name (a run id, a corpus id): an {@link
   * #id} that is also one {@link PathSegments segment}, never a path.
   */
  public Checks pathSegment(String field, String value) {
    id(field, value);
    Optional<String> problem = PathSegments.problem(value);
    if (problem.isPresent()) {
      throw new InvalidEventException(field, problem.get() + " (it names a folder on disk)");
    }
    return this;
  }

  /** Free text: present, not blank, no longer than the configured text limit. */
  public Checks text(String field, String value) {
    present(field, value);
    if (value.isBlank()) {
      throw new InvalidEventException(field, "is empty");
    }
    if (value.length() > limits.maxTextChars()) {
      throw new InvalidEventException(
          field,
          "is " + value.length() + " characters, over the limit of " + limits.maxTextChars());
    }
    return this;
  }

  /** Optional free text: may be absent or empty, but not over the limit. */
  public Checks optionalText(String field, String value) {
    if (value != null && value.length() > limits.maxTextChars()) {
      throw new InvalidEventException(
          field,
          "is " + value.length() + " characters, over the limit of " + limits.maxTextChars());
    }
    return this;
  }

  public Checks atLeast(String field, long value, long min) {
    if (value < min) {
      throw new InvalidEventException(field, "is " + value + ", must be at least " + min);
    }
    return this;
  }

  public Checks finite(String field, double value) {
    if (!Double.isFinite(value)) {
      throw new InvalidEventException(field, "is " + value + ", must be a finite number");
    }
    return this;
  }

  /** A finite number, at least {@code min}, or above it when {@code exclusive}. */
  public Checks atLeast(String field, double value, double min, boolean exclusive) {
    finite(field, value);
    if (value < min || (exclusive && value == min)) {
      throw new InvalidEventException(
          field, "is " + value + ", must be " + (exclusive ? "above " : "at least ") + min);
    }
    return this;
  }

  public Checks notEmpty(String field, Collection<?> values) {
    present(field, values);
    if (values.isEmpty()) {
      throw new InvalidEventException(field, "is empty");
    }
    return this;
  }

  /** Checks a nested value, prefixing its field names with {@code field.}. */
  public Checks nested(String field, Validated value) {
    present(field, value);
    try {
      value.validate(this);
    } catch (InvalidEventException e) {
      throw new InvalidEventException(
          field + "." + e.field(), e.getMessage().substring(e.field().length() + 2));
    }
    return this;
  }

  public EventLimits limits() {
    return limits;
  }
}
