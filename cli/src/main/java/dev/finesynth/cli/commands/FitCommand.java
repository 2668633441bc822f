package dev.finesynth.cli.commands;

import dev.finesynth.client.FinesynthClient;
import dev.finesynth.client.RunStatus;
import dev.finesynth.contracts.events.EvaluationSpec;
import dev.finesynth.contracts.events.TrainingSpec;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "fit",
    mixinStandardHelpOptions = true,
    description =
        "Fine-tune on the dataset of an earlier run; prints the new run's name (--wait: and follows"
            + " it).")
public class FitCommand extends ClusterCommand {
  @Option(
      names = "--train-data",
      required = true,
      description = "Name of the run whose dataset to train on.")
  String trainData;

  @Option(names = "--name", description = "Unique name of the training run (default: generated).")
  String name;

  @ArgGroup(exclusive = false, heading = "Training options:%n")
  TrainingOptions training = new TrainingOptions();

  @Option(
      names = "--eval",
      description = "Held-out BEIR folder to evaluate before and after (test split).")
  Path eval;

  @Option(
      names = "--wait",
      description =
          "Wait for training (and evaluation) to end, showing its progress; the exit code is then"
              + " the run's.")
  boolean waitForEnd;

  @Override
  public Integer call() throws Exception {
    EvaluationSpec evaluation =
        eval != null
            ? new EvaluationSpec("beir", eval.toAbsolutePath().toString(), "test", List.of(10))
            : null;
    TrainingSpec spec = training.spec(); // bad settings fail before Kafka is reached
    FinesynthClient client = cluster.client();
    String runName = client.fit(trainData, spec, evaluation, name);
    out().println(runName);
    out().flush();
    if (!waitForEnd) {
      return 0;
    }
    RunStatus status = await(client, runName);
    out().println("status: " + status);
    return StatusCommand.exitCode(status);
  }
}
