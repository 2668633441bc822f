package dev.finesynth.cli.progress;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The text of one stage's bar: {@code training [######......] 35% 120/338 steps ...}. */
final class ProgressLine {
  static final int BAR_WIDTH = 20;

  private ProgressLine() {}

  /**
   * A stage's line from its latest counts, at most {@code width} characters: the extras (pace, time
   * left, loss) that do not fit are left out whole. {@code etaSeconds} is the client's estimate,
   * used when the stage sends none (negative: unknown).
   */
  static String render(StageMeter meter, Map<String, Double> counts, double etaSeconds, int width) {
    double done = counts.get(meter.doneKey());
    double total = counts.get(meter.totalKey());
    double fraction = total > 0 ? done / total : 0;
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%-10s %s %3d%%  %d/%d %s",
                meter.label(),
                bar(fraction, BAR_WIDTH),
                percent(fraction),
                (long) done,
                (long) total,
                meter.unit()));
    List<String> extras = new ArrayList<>();
    if (counts.containsKey("examplesPerSecond")) {
      extras.add(String.format(Locale.ROOT, "%.1f ex/s", counts.get("examplesPerSecond")));
    }
    double eta = counts.getOrDefault("etaSeconds", etaSeconds);
    if (eta >= 0 && done < total) {
      extras.add("eta " + duration(eta));
    }
    if (counts.containsKey("loss")) {
      extras.add(String.format(Locale.ROOT, "loss %.4f", counts.get("loss")));
    }
    for (String extra : extras) {
      if (line.length() + 2 + extra.length() <= width) {
        line.append("  ").append(extra);
      }
    }
    return line.toString();
  }

  /** {@code [#####.....]}: {@code width} cells between the brackets, full ones rounded down. */
  static String bar(double fraction, int width) {
    int full = (int) Math.floor(clamp(fraction) * width);
    return "[" + "#".repeat(full) + ".".repeat(width - full) + "]";
  }

  /** Whole percent, rounded down so 100% means done. */
  static int percent(double fraction) {
    return (int) Math.floor(clamp(fraction) * 100);
  }

  /** {@code 45s}, {@code 2m10s}, {@code 1h05m}: short enough for a status line. */
  static String duration(double seconds) {
    long s = Math.round(Math.max(0, seconds));
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
  }

  private static double clamp(double fraction) {
    return Double.isFinite(fraction) ? Math.max(0, Math.min(1, fraction)) : 0;
  }
}
