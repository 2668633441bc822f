package dev.finesynth.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finesynth.contracts.events.Event;
import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.RunEventType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The terminal display, read back as the characters it writes (no terminal needed). */
class LiveProgressTest {
  private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
  private static final String UP_ONE = "\u001b[1A";
  private static final String CLEAR = "\u001b[J";

  private final StringWriter text = new StringWriter();
  private final LiveProgress live = new LiveProgress(new PrintWriter(text), 80);

  private static RunEvent progress(String stage, int seconds, Map<String, Double> counts) {
    return new RunEvent(
        Event.SCHEMA_VERSION,
        "r",
        stage,
        RunEventType.PROGRESS,
        "",
        counts,
        T0.plusSeconds(seconds),
        null);
  }

  private String take() {
    String written = text.toString();
    text.getBuffer().setLength(0);
    return written;
  }

  @Test
  void aStageUpdatesOneLineInPlace() {
    live.accept(progress("miner", 0, Map.of("queries", 0.0, "expected", 100.0)));
    assertThat(take()).isEqualTo("mining     [....................]   0%  0/100 queries");
    live.accept(progress("miner", 10, Map.of("queries", 50.0, "expected", 100.0)));
    assertThat(take())
        .isEqualTo(
            "\r" + CLEAR + "mining     [##########..........]  50%  50/100 queries  eta 10s");
  }

  @Test
  void concurrentStagesShareABlockRedrawnFromItsTop() {
    live.accept(progress("miner", 0, Map.of("queries", 10.0, "expected", 100.0)));
    live.accept(progress("scorer", 1, Map.of("queries", 5.0, "expected", 100.0)));
    take();
    live.accept(progress("miner", 2, Map.of("queries", 20.0, "expected", 100.0)));
    String redraw = take();
    assertThat(redraw).startsWith("\r" + UP_ONE + CLEAR + "mining ");
    assertThat(redraw.split("\n")).hasSize(2);
    assertThat(redraw.split("\n")[1]).startsWith("scoring ").doesNotEndWith("\n");
  }

  @Test
  void otherEventsPrintAboveTheBarsAndAFinishedStageKeepsItsBar() {
    live.accept(progress("miner", 0, Map.of("queries", 100.0, "expected", 100.0)));
    live.accept(progress("scorer", 0, Map.of("queries", 40.0, "expected", 100.0)));
    take();
    live.accept(RunEvent.of("r", "miner", RunEventType.COMPLETED, "mined 100 queries"));
    String[] lines = take().split("\n");
    assertThat(lines[0]).startsWith("\r" + UP_ONE + CLEAR + "mining ").contains("100/100");
    assertThat(lines[1]).contains("miner     COMPLETED mined 100 queries");
    assertThat(lines[2]).startsWith("scoring ");
    live.close();
    assertThat(take()).startsWith("\r" + CLEAR + "scoring ").endsWith(System.lineSeparator());
  }

  @Test
  void barsAreCutToTheWidthSoTheyNeverWrap() {
    LiveProgress narrow = new LiveProgress(new PrintWriter(text), 40);
    narrow.accept(
        progress(
            "trainer",
            0,
            Map.of("step", 1.0, "totalSteps", 9.0, "loss", 0.5, "examplesPerSecond", 3.0)));
    assertThat(take()).hasSize(39);
  }

  @Test
  void progressWithoutCountsIsAPlainLine() {
    live.accept(RunEvent.progress("r", "trainer", "warming up", Map.of()));
    assertThat(take()).contains("trainer   PROGRESS  warming up").doesNotContain("[");
  }
}
