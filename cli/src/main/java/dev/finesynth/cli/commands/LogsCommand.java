package dev.finesynth.cli.commands;

import dev.finesynth.client.Cluster;
import dev.finesynth.client.RunDirectory;
import dev.finesynth.client.RunView;
import dev.finesynth.contracts.events.MetricEvent;
import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.topics.Topics;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
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
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  @Parameters(index = "0", description = "The run's name.")
  String name;

  @Option(
      names = {"-f", "--follow"},
      description = "Keep printing new lines until the run ends.")
  boolean follow;

  @Override
  public Integer call() throws Exception {
    Cluster connection = cluster.connect();
    RunView found = RunDirectory.load(connection).find(name);
    RunView run = new RunView(found.spec()); // folded afresh while printing, in order
    connection.read(
        List.of(Topics.RUN_EVENTS, Topics.METRICS),
        value -> {
          if (value instanceof RunEvent e && e.runId().equals(run.spec().runId())) {
            run.apply(e);
            print(e);
          } else if (value instanceof MetricEvent m && m.runId().equals(run.spec().runId())) {
            run.apply(m);
          }
        },
        () -> follow && !run.status().terminal());
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

  private void print(RunEvent e) {
    if (json()) {
      try {
        out()
            .println(
                JSON.writer()
                    .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(e));
      } catch (Exception ignored) {
        // records of this module always serialise
      }
    } else {
      out()
          .printf(
              "%s %-9s %-9s %s%n",
              TIME.format(e.timestamp()),
              e.stage(),
              e.type(),
              e.message() == null ? "" : e.message());
    }
    out().flush();
  }
}
