package dev.finesynth.evaluation.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes all three views of a run into one folder: report.json, report.md and chart.svg. */
public final class RunReports {
  private RunReports() {}

  /** The written files, so a caller can log or upload them. */
  public record ReportFiles(Path json, Path markdown, Path svg) {}

  public static ReportFiles write(RunEvaluation run, Path folder) throws IOException {
    Files.createDirectories(folder);
    ReportFiles files =
        new ReportFiles(
            folder.resolve("report.json"),
            folder.resolve("report.md"),
            folder.resolve("chart.svg"));
    JsonReportWriter.write(run, files.json());
    MarkdownTableWriter.write(run, files.markdown());
    SvgChartWriter.write(run, files.svg());
    return files;
  }
}
