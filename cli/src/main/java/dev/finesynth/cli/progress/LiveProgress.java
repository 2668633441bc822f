package dev.finesynth.cli.progress;

import dev.finesynth.client.StageProgress;
import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.RunEventType;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bars for a terminal: one updating line per stage at work, under the run's other events. Mining,
 * scoring and the dataset progress at the same time, so the bars form a block that is redrawn in
 * place (carriage return, cursor up, clear to the end of the screen) rather than a single line.
 */
final class LiveProgress implements ProgressDisplay {
  private static final String CSI = "\u001b[";

  private final PrintWriter out;
  private final int width;
  private final Map<String, String> bars = new LinkedHashMap<>();
  private final Map<String, EtaEstimate> etas = new HashMap<>();
  private final StageProgress progress = new StageProgress();
  private int drawn;

  LiveProgress(PrintWriter out, int width) {
    this.out = out;
    this.width = width;
  }

  @Override
  public void accept(RunEvent told) {
    // several instances of a stage each tell their share: the bar shows their sum
    RunEvent e = told.type() == RunEventType.PROGRESS ? progress.apply(told) : told;
    var meter = StageMeter.of(e.stage()).filter(m -> m.measures(e.counts()));
    if (e.type() == RunEventType.PROGRESS && meter.isPresent()) {
      double eta =
          etas.computeIfAbsent(e.stage(), s -> new EtaEstimate())
              .update(
                  e.timestamp(),
                  e.counts().get(meter.get().doneKey()),
                  e.counts().get(meter.get().totalKey()));
      bars.put(e.stage(), ProgressLine.render(meter.get(), e.counts(), eta, width - 1));
      clear();
      draw();
      return;
    }
    clear();
    if (e.type() == RunEventType.COMPLETED || e.type().terminal()) {
      // the stage has finished, failed or stopped: its bar stays above as it last was
      String bar = bars.remove(e.stage());
      if (bar != null) {
        out.println(bar);
      }
    }
    out.println(PlainProgress.line(e));
    draw();
  }

  @Override
  public void close() {
    clear();
    bars.values().forEach(out::println);
    bars.clear();
    out.flush();
  }

  /** Moves back to the first bar and wipes the block; the cursor stays where it began. */
  private void clear() {
    if (drawn == 0) {
      return;
    }
    out.print('\r');
    if (drawn > 1) {
      out.print(CSI + (drawn - 1) + "A");
    }
    out.print(CSI + "J");
    drawn = 0;
  }

  /** Draws the bars without a final newline, each cut to the width so none wraps. */
  private void draw() {
    int i = 0;
    for (String bar : bars.values()) {
      out.print(i++ > 0 ? "\n" + fit(bar) : fit(bar));
    }
    drawn = bars.size();
    out.flush();
  }

  private String fit(String line) {
    return line.length() < width ? line : line.substring(0, width - 1);
  }
}
