package dev.finesynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every user mistake ends with a clear message and a non-zero exit code, before any harm. */
class CliErrorsTest {
  @TempDir Path dir;

  private String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        FinesynthCli.commandLine()
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(args);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  @Test
  void missingFileIsNamed() {
    String[] r =
        run(
            "synthesize",
            "--queries",
            dir.resolve("nope.jsonl").toString(),
            "--corpus",
            dir.toString());
    assertThat(r[0]).isEqualTo("1");
    assertThat(r[2]).contains("nope.jsonl: no such file");
  }

  /** {@code synthesize} of a one-line file as queries and corpus, with {@code options}. */
  private String[] synthesize(String... options) throws Exception {
    Path q = Files.writeString(dir.resolve("q.txt"), "usb charger\n");
    List<String> args = new ArrayList<>(List.of("synthesize", "--queries", q.toString()));
    args.addAll(List.of("--corpus", q.toString()));
    args.addAll(List.of(options));
    return run(args.toArray(String[]::new));
  }

  @Test
  void unknownPresetListsTheValidOnes() throws Exception {
    String[] r = synthesize("--models", "fast");
    assertThat(r[0]).isEqualTo("1");
    assertThat(r[2]).contains("unknown preset 'fast'").contains("offline");
  }

  @Test
  void negativeCountsAreRejectedBeforeAnythingIsSent() throws Exception {
    String[] r = synthesize("--pseudo-queries", "-3");
    assertThat(r[0]).isEqualTo("1");
    assertThat(r[2]).contains("pseudo-query count must not be negative: -3");
    r = run("fit", "--train-data", "some-run", "--triplets-per-query", "-1");
    assertThat(r[0]).isEqualTo("1");
    assertThat(r[2]).contains("--triplets-per-query must be at least 0 (0: whole queries): -1");
    r = run("fit", "--train-data", "some-run", "--listwise-temperature", "0");
    assertThat(r[0]).isEqualTo("1");
    assertThat(r[2]).contains("--listwise-temperature must be above 0: 0.0");
  }

  @Test
  void feedbackOutOfRangeOrWithoutABiEncoderIsRejectedBeforeAnythingIsSent() throws Exception {
    String[] r = synthesize("--feedback", "-0.5");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).contains("bad model settings: feedback: is -0.5, must be between 0 and 10");
    r = synthesize("--teacher", "bm25", "--feedback", "0.5");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).contains("feedback: needs a bi-encoder in the teacher");
  }

  @Test
  void unknownModelReferenceIsRejectedWithTheValidNames() throws Exception {
    String[] r = synthesize("--miner", "mini lm!");
    assertThat(r[0]).isEqualTo("1");
    assertThat(r[2]).contains("all-minilm-l6-v2");
  }

  @Test
  void unreachableKafkaNamesTheAddressWithAHint() throws Exception {
    Path q = Files.writeString(dir.resolve("q.txt"), "usb charger\n");
    String[] r =
        run(
            "synthesize",
            "--queries",
            q.toString(),
            "--corpus",
            q.toString(),
            "--bootstrap-servers",
            "127.0.0.1:1");
    assertThat(r[0]).isEqualTo("1");
    assertThat(r[2]).contains("Kafka is unreachable at 127.0.0.1:1").contains("./finesynth up");
  }

  @Test
  void everyCommandHasHelp() {
    for (String command :
        new String[] {
          "synthesize",
          "runs",
          "status",
          "logs",
          "metrics",
          "dataset",
          "model",
          "fit",
          "cancel",
          "demo",
          "up",
          "down"
        }) {
      String[] r = run(command, "--help");
      assertThat(r[0]).as(command).isEqualTo("0");
      assertThat(r[1]).as(command).contains("Usage: finesynth " + command);
    }
  }
}
