package dev.finesynth.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.RunEventType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which display a command gets, and what the plain one prints. */
class DisplayModesTest {

  @Test
  void barsOnlyOnACapableConsole() {
    assertThat(ProgressDisplay.live(true, "xterm-256color")).isTrue();
    assertThat(ProgressDisplay.live(true, null)).isTrue();
    assertThat(ProgressDisplay.live(true, "dumb")).isFalse();
    assertThat(ProgressDisplay.live(false, "xterm")).isFalse();
  }

  @Test
  void withoutATerminalTheLinesArePlain() {
    StringWriter text = new StringWriter();
    try (ProgressDisplay display = ProgressDisplay.open(new PrintWriter(text))) {
      assertThat(display).isInstanceOf(PlainProgress.class); // tests run without a console
      display.accept(
          RunEvent.progress(
              "r", "miner", "mined 60/240 queries", Map.of("queries", 60.0, "expected", 240.0)));
      display.accept(RunEvent.of("r", "miner", RunEventType.COMPLETED, "mined 240 queries"));
    }
    assertThat(text.toString())
        .doesNotContain("\r", "\u001b", "[#")
        .matches(
            "(?s)\\d\\d:\\d\\d:\\d\\d miner     PROGRESS  mined 60/240 queries\\R"
                + "\\d\\d:\\d\\d:\\d\\d miner     COMPLETED mined 240 queries\\R");
  }

  @Test
  void widthComesFromColumnsOrSttySizeWhenSensible() {
    assertThat(TerminalWidth.parse("132")).isEqualTo(132);
    assertThat(TerminalWidth.parse(null)).isEqualTo(TerminalWidth.DEFAULT);
    assertThat(TerminalWidth.parse("wide")).isEqualTo(TerminalWidth.DEFAULT);
    assertThat(TerminalWidth.parse("3")).isEqualTo(TerminalWidth.DEFAULT);
    assertThat(TerminalWidth.parse("48 211\n")).as("stty size: rows, columns").isEqualTo(211);
    assertThat(TerminalWidth.parse("")).isEqualTo(TerminalWidth.DEFAULT);
  }
}
