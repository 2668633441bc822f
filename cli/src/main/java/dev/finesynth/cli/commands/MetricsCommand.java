package dev.finesynth.cli.commands;

import dev.finesynth.client.MetricsTable;
import dev.finesynth.client.RunDirectory;
import dev.finesynth.client.RunView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "metrics",
    mixinStandardHelpOptions = true,
    description =
        "Retrieval metrics of the base model and of the fine-tuned model after each epoch.")
public class MetricsCommand extends ClusterCommand {
  @Parameters(index = "0", description = "The run's name.")
  String name;

  @Override
  public Integer call() throws Exception {
    RunView run = RunDirectory.load(cluster.connect()).find(name);
    MetricsTable table = MetricsTable.of(run.metrics());
    if (table.isEmpty()) {
      spec.commandLine()
          .getErr()
          .println("no evaluation metrics for " + name + " yet (was it started with --eval?)");
      return 3;
    }
    if (json()) {
      printJson(table.rows());
    } else {
      out().print(table.render());
    }
    out().flush();
    return 0;
  }
}
