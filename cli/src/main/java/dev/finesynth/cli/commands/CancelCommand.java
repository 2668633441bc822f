package dev.finesynth.cli.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "cancel", mixinStandardHelpOptions = true, description = "Mark a run as cancelled.")
public class CancelCommand extends ClusterCommand {
  @Parameters(index = "0", description = "The run's name.")
  String name;

  @Override
  public Integer call() throws Exception {
    cluster.client().cancel(name);
    out().println("cancelled " + name);
    return 0;
  }
}
