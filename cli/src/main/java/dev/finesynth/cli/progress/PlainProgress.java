package dev.finesynth.cli.progress;

import dev.finesynth.contracts.events.RunEvent;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** One line per event, as in a log file: {@code 12:03:41 trainer PROGRESS epoch 1 step 40/338}. */
public final class PlainProgress implements ProgressDisplay {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private final PrintWriter out;

  public PlainProgress(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void accept(RunEvent e) {
    out.println(line(e));
    out.flush();
  }

  @Override
  public void close() {
    out.flush();
  }

  public static String line(RunEvent e) {
    return String.format(
        "%s %-9s %-9s %s%s",
        TIME.format(e.timestamp()),
        e.stage(),
        e.type(),
        e.message() == null ? "" : e.message(),
        e.instance() == null ? "" : " [" + e.instance() + "]");
  }
}
