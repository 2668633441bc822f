package dev.finesynth.cli.commands;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.finesynth.cli.progress.PlainProgress;
import dev.finesynth.cli.progress.ProgressDisplay;
import dev.finesynth.client.Cluster;
import dev.finesynth.client.RunDirectory;
import dev.finesynth.client.RunView;
import dev.finesynth.contracts.events.MetricEvent;
import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.topics.Topics;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description =
        "Print a run's status, progress and log lines; --follow keeps printing until the run ends.")
public class LogsCommand extends ClusterCommand {
  @Parameters(index = "0", description = "The run's name.")
  String name;

  @Option(
      names = {"-f", "--follow"},
      description =
          "Keep printing until the run ends; on a terminal, progress shows as a bar per stage.")
  boolean follow;

  @Override
  public Integer call() throws Exception {
    Cluster connection = cluster.connect();
    RunView found = RunDirectory.load(connection).find(name);
    RunView run = new RunView(found.spec()); // folded afresh while printing, in order
    try (ProgressDisplay display = display()) {
      connection.read(
          List.of(Topics.RUN_EVENTS, Topics.METRICS),
          value -> {
            if (value instanceof RunEvent e && e.runId().equals(run.spec().runId())) {
              run.apply(e);
              display.accept(e);
            } else if (value instanceof MetricEvent m && m.runId().equals(run.spec().runId())) {
              run.apply(m);
            }
          },
          () -> follow && !run.status().terminal());
    }
    if (!json()) {
      out()
          .println(
              "status: "
                  + run.status()
                  + (run.failureReason() != null ? " (" + run.failureReason() + ")" : ""));
    }
    out().flush();
    return follow ? StatusCommand.exitCode(run.status()) : 0;
  }

  /** Bars only while following: a finished history reads best as plain lines. */
  private ProgressDisplay display() {
    if (json()) {
      return new JsonLines(out());
    }
    return follow ? ProgressDisplay.open(out()) : new PlainProgress(out());
  }

  /** One compact JSON object per event, for scripts. */
  private record JsonLines(PrintWriter out) implements ProgressDisplay {
    @Override
    public void accept(RunEvent e) {
      try {
        out.println(
            JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(e));
      } catch (Exception ignored) {
        // records of this module always serialise
      }
      out.flush();
    }

    @Override
    public void close() {
      out.flush();
    }
  }
}
