package dev.finesynth.contracts.validation;

/** A record that is not a valid event; the message names the field and what is wrong with it. */
public class InvalidEventException extends RuntimeException {
  private final String field;

  public InvalidEventException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
  }

  public InvalidEventException(String field, String problem, Throwable cause) {
    super(field + ": " + problem, cause);
    this.field = field;
  }

  /** The JSON field at fault ({@code $} for the record as a whole). */
  public String field() {
    return field;
  }
}
