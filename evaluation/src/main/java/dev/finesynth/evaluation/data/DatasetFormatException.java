package dev.finesynth.evaluation.data;

import java.io.IOException;
import java.nio.file.Path;

/** Malformed input; the message starts with {@code file:line} so it can be opened directly. */
public class DatasetFormatException extends IOException {
  private final Path file;
  private final long line;

  public DatasetFormatException(Path file, long line, String problem) {
    this(file, line, problem, null);
  }

  public DatasetFormatException(Path file, long line, String problem, Throwable cause) {
    super(file + ":" + line + ": " + problem, cause);
    this.file = file;
    this.line = line;
  }

  public Path file() {
    return file;
  }

  public long line() {
    return line;
  }
}
