package dev.finesynth.cli.progress;

/** The terminal's width when the shell exports it; lines longer than it would wrap the bars. */
final class TerminalWidth {
  static final int DEFAULT = 80;

  private TerminalWidth() {}

  static int columns() {
    return parse(System.getenv("COLUMNS"));
  }

  static int parse(String columns) {
    try {
      int value = columns == null ? DEFAULT : Integer.parseInt(columns.trim());
      return value >= 20 ? value : DEFAULT;
    } catch (NumberFormatException e) {
      return DEFAULT;
    }
  }
}
