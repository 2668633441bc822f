package dev.finesynth.cli.commands;

import dev.finesynth.client.RunDirectory;
import dev.finesynth.client.RunStatus;
import dev.finesynth.client.RunView;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show a run's status (exit code 0 FINISHED, 1 FAILED/CANCELLED, 3 still going).")
public class StatusCommand extends ClusterCommand {
  @Parameters(index = "0", description = "The run's name.")
  String name;

  @Override
  public Integer call() throws Exception {
    RunView run = RunDirectory.load(cluster.connect()).find(name);
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("name", run.spec().name());
    status.put("runId", run.spec().runId());
    status.put("status", run.status());
    status.put("stage", run.currentStage());
    status.put("completedStages", run.completedStages());
    status.put("failure", run.failureReason());
    Map<String, String> progress = new LinkedHashMap<>();
    run.progress().forEach((stage, event) -> progress.put(stage, event.message()));
    status.put("progress", progress);
    if (json()) {
      printJson(status);
    } else {
      out().printf("%s (%s): %s%n", run.spec().name(), run.spec().runId(), run.status());
      progress.forEach((stage, message) -> out().printf("  %-10s %s%n", stage, message));
      if (run.failureReason() != null) {
        out().println("  failed: " + run.failureReason());
      }
    }
    return exitCode(run.status());
  }

  static int exitCode(RunStatus status) {
    return switch (status) {
      case FINISHED -> 0;
      case FAILED, CANCELLED -> 1;
      default -> 3;
    };
  }
}
