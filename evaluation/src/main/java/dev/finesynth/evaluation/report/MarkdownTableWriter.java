package dev.finesynth.evaluation.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.ToIntFunction;

/** Before/after table: a row per metric@k, a column per checkpoint, then last minus base. */
public final class MarkdownTableWriter {
  private MarkdownTableWriter() {}

  public static void write(RunEvaluation run, Path file) throws IOException {
    Files.writeString(file, render(run), StandardCharsets.UTF_8);
  }

  public static String render(RunEvaluation run) {
    StringBuilder md = new StringBuilder();
    md.append("## Retrieval evaluation: ").append(cell(run.runId())).append("\n\n");
    md.append("| metric |");
    run.checkpoints().forEach(c -> md.append(' ').append(cell(c.name())).append(" |"));
    md.append(" Δ ").append(cell(run.last().name())).append(" − ").append(cell(run.base().name()));
    md.append(" |\n|---|");
    md.append("---:|".repeat(run.checkpoints().size() + 1)).append('\n');
    for (String key : run.metricKeys()) {
      md.append("| ").append(key).append(" |");
      run.checkpoints()
          .forEach(c -> md.append(' ').append(number(RunEvaluation.mean(c, key))).append(" |"));
      md.append(' ').append(signed(run.delta(key))).append(" |\n");
    }
    count(md, run, "evaluated queries", c -> c.report().evaluatedQueries());
    count(md, run, "skipped queries", c -> c.report().skippedQueries());
    return md.toString();
  }

  private static void count(
      StringBuilder md, RunEvaluation run, String label, ToIntFunction<Checkpoint> count) {
    md.append("| ").append(label).append(" |");
    run.checkpoints().forEach(c -> md.append(' ').append(count.applyAsInt(c)).append(" |"));
    int delta = count.applyAsInt(run.last()) - count.applyAsInt(run.base());
    md.append(' ').append(String.format(Locale.ROOT, "%+d", delta)).append(" |\n");
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }

  private static String signed(double value) {
    return String.format(Locale.ROOT, "%+.4f", value);
  }

  /** A pipe would end the cell. */
  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
