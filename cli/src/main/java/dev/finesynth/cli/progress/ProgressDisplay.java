package dev.finesynth.cli.progress;

import dev.finesynth.contracts.events.RunEvent;
import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * Shows a run's events while a command waits for it: updating bars on a terminal, the plain lines a
 * log or a script expects everywhere else.
 */
public interface ProgressDisplay extends Consumer<RunEvent>, AutoCloseable {

  /** Bars when a person watches a capable terminal, plain lines otherwise. */
  static ProgressDisplay open(PrintWriter out) {
    return live(System.console() != null, System.getenv("TERM"))
        ? new LiveProgress(out, TerminalWidth.columns())
        : new PlainProgress(out);
  }

  /**
   * Whether bars can be drawn: only on a console (not a pipe or a file) whose terminal understands
   * cursor movement. JSON output never gets here: it prints no progress.
   */
  static boolean live(boolean console, String term) {
    return console && !"dumb".equals(term);
  }

  /** Leaves the last state on screen and the cursor on a fresh line. */
  @Override
  void close();
}
