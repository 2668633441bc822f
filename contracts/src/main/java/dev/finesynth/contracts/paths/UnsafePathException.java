package dev.finesynth.contracts.paths;

/**
 * A value from outside that cannot be used in a file path: it is not a plain file name, or the path
 * it makes leaves its folder. The message names the field and what is wrong with it.
 */
public class UnsafePathException extends IllegalArgumentException {
  private final String field;

  public UnsafePathException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
  }

  /** The value at fault: {@code runId}, {@code corpusId}, {@code revision}, a hub file name... */
  public String field() {
    return field;
  }
}
