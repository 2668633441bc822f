package dev.finesynth.cli.commands;

import dev.finesynth.client.RunDirectory;
import dev.finesynth.client.RunView;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(
    name = "runs",
    mixinStandardHelpOptions = true,
    description = "List the runs of the cluster with their status.")
public class RunsCommand extends ClusterCommand {
  @Override
  public Integer call() throws Exception {
    List<RunView> runs = RunDirectory.load(cluster.connect()).runs();
    if (json()) {
      printJson(
          runs.stream()
              .map(
                  v ->
                      Map.of(
                          "name",
                          v.spec().name(),
                          "runId",
                          v.spec().runId(),
                          "status",
                          v.status(),
                          "stage",
                          v.currentStage(),
                          "createdAt",
                          v.spec().createdAt()))
              .toList());
      return 0;
    }
    out().printf("%-28s %-10s %-10s %s%n", "NAME", "STATUS", "STAGE", "CREATED");
    for (RunView v : runs) {
      out()
          .printf(
              "%-28s %-10s %-10s %s%n",
              v.spec().name(), v.status(), v.currentStage(), v.spec().createdAt());
    }
    return 0;
  }
}
