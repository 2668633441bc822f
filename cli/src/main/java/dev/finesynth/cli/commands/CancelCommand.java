package dev.finesynth.cli.commands;

import dev.finesynth.cli.kafka.Cluster;
import dev.finesynth.cli.runs.RunDirectory;
import dev.finesynth.cli.runs.RunView;
import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.RunEventType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "cancel", mixinStandardHelpOptions = true, description = "Mark a run as cancelled.")
public class CancelCommand extends ClusterCommand {
  @Parameters(index = "0", description = "The run's name.")
  String name;

  @Override
  public Integer call() throws Exception {
    Cluster connection = cluster.connect();
    RunView run = RunDirectory.load(connection).find(name);
    if (run.status().terminal()) {
      throw new IllegalStateException(name + " has already ended: " + run.status());
    }
    try (var publisher = connection.publisher()) {
      publisher.event(
          RunEvent.of(run.spec().runId(), "run", RunEventType.CANCELLED, "cancelled by the user"));
      publisher.flush();
    }
    out().println("cancelled " + name);
    return 0;
  }
}
