package dev.finesynth.client;

import java.nio.file.Path;

/** A user file the CLI cannot read; the message names the file, the line and the field. */
public class InputFormatException extends RuntimeException {
  public InputFormatException(Path file, long line, String problem) {
    super(file + (line > 0 ? ":" + line : "") + ": " + problem);
  }
}
