package dev.finesynth.cli.commands;

import dev.finesynth.cli.kafka.Cluster;
import dev.finesynth.cli.runs.RunDirectory;
import dev.finesynth.cli.runs.RunView;
import dev.finesynth.contracts.events.EvaluationSpec;
import dev.finesynth.contracts.events.Event;
import dev.finesynth.contracts.events.RunEvent;
import dev.finesynth.contracts.events.RunEventType;
import dev.finesynth.contracts.events.RunSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "fit",
    mixinStandardHelpOptions = true,
    description = "Fine-tune on the dataset of an earlier run; prints the new run's name.")
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

  @Override
  public Integer call() throws Exception {
    Cluster connection = cluster.connect();
    RunDirectory runs = RunDirectory.load(connection);
    RunView source = runs.find(trainData);
    if (!source.completedStages().contains("dataset")) {
      throw new IllegalStateException(
          "the dataset of "
              + trainData
              + " is not complete yet; wait with ./finesynth logs "
              + trainData
              + " --follow");
    }
    String runName = name != null ? name : RunNames.random();
    if (runs.nameTaken(runName)) {
      throw new IllegalArgumentException(
          "the run name '" + runName + "' is already taken; choose another with --name");
    }
    RunSpec from = source.spec();
    EvaluationSpec evaluation =
        eval != null
            ? new EvaluationSpec("beir", eval.toAbsolutePath().toString(), "test", List.of(10))
            : from.evaluation();
    String runId = UUID.randomUUID().toString();
    RunSpec run =
        new RunSpec(
            Event.SCHEMA_VERSION,
            runId,
            runName,
            from.corpusId(),
            from.models(),
            from.numRelations(),
            from.maxQueryLength(),
            from.maxDocumentLength(),
            from.batchSize(),
            from.expectedDocuments(),
            from.expectedQueries(),
            training.spec().withDatasetRunId(from.runId()),
            evaluation,
            Instant.now());
    try (var publisher = connection.publisher()) {
      publisher.run(run);
      publisher.event(
          RunEvent.of(
              runId, "run", RunEventType.CREATED, "fine-tuning on the dataset of " + from.name()));
      publisher.flush();
    }
    out().println(runName);
    return 0;
  }
}
