package dev.finesynth.cli.progress;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The terminal's width: {@code COLUMNS} when the shell exports it (most do not), else what {@code
 * stty size} reports for the controlling terminal, else 80. Lines longer than it would wrap the
 * bars.
 */
final class TerminalWidth {
  static final int DEFAULT = 80;

  private TerminalWidth() {}

  static int columns() {
    String exported = System.getenv("COLUMNS");
    return exported != null ? parse(exported) : parse(sttySize());
  }

  /** A width as {@code COLUMNS} gives it, or as {@code stty size} prints it ("rows columns"). */
  static int parse(String columns) {
    if (columns == null) {
      return DEFAULT;
    }
    String[] fields = columns.trim().split("\\s+");
    try {
      int value = Integer.parseInt(fields[fields.length - 1]);
      return value >= 20 ? value : DEFAULT;
    } catch (NumberFormatException e) {
      return DEFAULT;
    }
  }

  /** {@code stty size} on the controlling terminal; null where there is none or it fails. */
  private static String sttySize() {
    File tty = new File("/dev/tty");
    if (!tty.canRead()) {
      return null;
    }
    try {
      Process stty =
          new ProcessBuilder("stty", "size")
              .redirectInput(tty)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!stty.waitFor(1, TimeUnit.SECONDS) || stty.exitValue() != 0) {
        stty.destroy();
        return null;
      }
      return new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
